import type { LinkState, MtpAddress, MtpKind } from '../mtp/transport';
import type { MessageKind, Notification } from '../usp/messages';
import type { RecordKind } from '../usp/record';
import type { AgentInfo, PresenceChange } from './agent-registry';

/** One notification from an agent, decoded, emitted once per msg_id however often it arrives. */
export interface NotificationEvent {
  endpointId: string;
  msgId: string;
  /** Subscription.{i}.ID that fired; "" for OnBoardRequest (R-NOT.7). */
  subscriptionId: string;
  sendResp: boolean;
  /** The transport it first arrived on. */
  transportId: string;
  receivedAt: number;
  notification: Notification;
}

/** One Record in or out, for the message inspector and the store's trace. */
export interface TraceEntry {
  direction: 'in' | 'out';
  at: number;
  /** The agent on the other side ("" when an undecodable Record named none). */
  endpointId: string;
  transportId: string;
  address: MtpAddress | null;
  bytes: Uint8Array;
  recordType: RecordKind | null;
  msgId: string | null;
  messageKind: MessageKind | null;
  /** One line a human can read, e.g. "get Device.DeviceInfo." or "error 7026 Invalid path". */
  summary: string;
  /** For a response: time since its request went out. */
  latencyMs?: number;
  /** Why an outgoing Record could not be sent, or an incoming one could not be decoded. */
  error?: string;
}

/** A Record the controller refused, with the reason (malformed, misaddressed, unmatched, not approved…). */
export interface DroppedRecord {
  at: number;
  transportId: string;
  endpointId: string | null;
  reason: string;
  size: number;
  /** Whether an Error message was sent back (R-MTP.5). */
  answered: boolean;
}

export interface LinkEvent {
  transportId: string;
  kind: MtpKind;
  state: LinkState;
  reason: string;
  at: number;
}

export interface ControllerWarning {
  at: number;
  message: string;
  transportId?: string;
  endpointId?: string;
}

export interface ControllerEvents {
  /** A new agent entered the registry (first Record, or addAgent); restored agents are not announced. */
  agentSeen: [AgentInfo];
  /** A new agent is waiting for approveAgent/rejectAgent (acceptUnknownAgents: false). */
  agentHeld: [AgentInfo];
  /** Status, addresses or protocol versions changed: what the store persists. */
  agentUpdated: [AgentInfo];
  presenceChanged: [PresenceChange];
  /**
   * The agent (re)started its session with us: its first Record since the console started, or a
   * Connect Record (an MTP session opened again, R-MTP.6), whether or not presence changed.
   */
  contact: [endpointId: string];
  notification: [NotificationEvent];
  trace: [TraceEntry];
  recordDropped: [DroppedRecord];
  link: [LinkEvent];
  warning: [ControllerWarning];
}
