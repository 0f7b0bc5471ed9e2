import type { Transport } from '../mtp/transport';
import type { PresenceProberOptions } from './presence-prober';

export interface ControllerOptions {
  /** Our own Endpoint ID: Records to any other to_id are dropped (R-E2E.1). */
  endpointId: string;
  transports?: Transport[];
  /** Default time to wait for a response, per request. */
  requestTimeoutMs?: number;
  /** Requests in flight per agent; more wait in a FIFO queue. */
  maxInFlightPerAgent?: number;
  /** true: an unknown agent is accepted on first contact; false: held until approveAgent/rejectAgent. */
  acceptUnknownAgents?: boolean;
  /** Send GetSupportedProtocol on first contact and on every Connect Record (default true). */
  queryProtocolOnContact?: boolean;
  /** Timestamps; timers are real. */
  clock?: () => number;
  /** How long a connection holding an agent's Endpoint ID has to answer a Ping before another may take over (issue 9 #1); default 5000. */
  takeoverProbeMs?: number;
  /** Back-off of the probes of broker agents whose presence is in doubt (issue 9 #6). */
  presenceProbe?: PresenceProberOptions;
}

export interface RequestOptions {
  timeoutMs?: number;
}
