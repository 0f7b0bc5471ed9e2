import type { EventEmitter } from 'node:events';
import type { Transport } from '../mtp/transport';
import type { AgentRegistry } from './agent-registry';
import type { E2ESessions } from './e2e-sessions';
import type { ControllerEvents } from './events';
import type { PendingRequests } from './pending-requests';

export interface AttachedTransport {
  transport: Transport;
  detach: () => void;
}

/** The state the Controller's modules (outbound, record intake, link presence) share; the Controller owns it. */
export interface ControllerParts {
  /** Our own Endpoint ID. */
  /** Changed only through Controller.setEndpointId. */
  endpointId: string;
  readonly clock: () => number;
  /** Default time to wait for a response, per request. */
  readonly requestTimeoutMs: number;
  /** The Controller itself: where warnings, traces and the other ControllerEvents go. */
  readonly events: EventEmitter<ControllerEvents>;
  readonly transports: Map<string, AttachedTransport>;
  readonly registry: AgentRegistry;
  readonly pending: PendingRequests;
  readonly sessions: E2ESessions;
}

/** A warning the user sees on the agent, and in the log. */
export function warnAgent(parts: ControllerParts, endpointId: string, transportId: string, message: string): void {
  const at = parts.clock();
  parts.registry.warn(endpointId, message, at);
  parts.events.emit('warning', { at, endpointId, transportId, message });
}
