/** The Notify kinds of TR-369 Notify message (same spelling as NotificationType in src/shared/api/common.ts). */
export type NotificationKind = 'Event' | 'ValueChange' | 'ObjectCreation' | 'ObjectDeletion' | 'OperationComplete' | 'OnBoardRequest';

export interface NewNotification {
  endpointId: string;
  receivedAt: number;
  msgId: string;
  subscriptionId: string;
  sendResp: boolean;
  kind: NotificationKind;
  /** param_path, obj_path, obj_path + command_name, obj_path + event_name, or '' for OnBoardRequest. */
  path: string;
  /** The rest of the notification as plain JSON (value, params, unique keys, output args...). */
  detail: Record<string, unknown>;
}

export interface NotificationRow extends NewNotification {
  /** Increasing in arrival order across agents. */
  id: number;
}

/** Newest first; `beforeId` pages towards older rows. */
export interface NotificationFilter {
  endpointIds?: string[];
  kinds?: NotificationKind[];
  pathPrefix?: string;
  since?: number;
  until?: number;
  beforeId?: number;
  limit?: number;
}

export type TraceDirection = 'in' | 'out';

export interface NewTrace {
  endpointId: string | null;
  direction: TraceDirection;
  at: number;
  transportId: string | null;
  mtp: 'websocket' | 'mqtt' | 'stomp' | 'uds' | null;
  /** Record record_type oneof, e.g. 'no_session_context', 'mqtt_connect'; null when undecodable. */
  recordType: string | null;
  recordVersion: string | null;
  fromId: string;
  toId: string;
  msgId: string | null;
  /** Header msg_type name, e.g. 'GET', 'GET_RESP', 'NOTIFY'. */
  msgType: string | null;
  bytes: Uint8Array;
  summary: string;
  decodeError: string | null;
}

/** A Record in or out; `latencyMs` is set on a received message once paired with our request of the same msg_id. */
export interface TraceRow extends NewTrace {
  id: number;
  latencyMs: number | null;
  /** The Record's full size; `bytes` holds only a prefix when it is smaller (issue 9 #5). */
  byteSize?: number;
  /** SHA-256 (hex) of the whole Record; null for rows written before it was kept. */
  sha256?: string | null;
}

/** Newest first; `beforeId` pages towards older rows. */
export interface TraceFilter {
  endpointIds?: string[];
  direction?: TraceDirection;
  msgTypes?: string[];
  msgId?: string;
  /** Case-insensitive substring of summary, msg_id or endpoint ID. */
  text?: string;
  since?: number;
  until?: number;
  beforeId?: number;
  limit?: number;
}

export type OperationStatus = 'requested' | 'active' | 'success' | 'failure' | 'canceled';

export interface NewOperation {
  endpointId: string;
  command: string;
  commandKey: string;
  inputArgs: Record<string, string>;
  startedAt: number;
}

export interface OperationRow extends NewOperation {
  id: number;
  /** `Device.LocalAgent.Request.{i}.` of an async command, when the agent gave one. */
  requestPath: string | null;
  status: OperationStatus;
  outputArgs: Record<string, string> | null;
  errCode: number | null;
  errMsg: string | null;
  completedAt: number | null;
}

export type AuditResult = 'success' | 'failure';

export interface NewAuditEntry {
  at: number;
  endpointId: string | null;
  /** What we did, e.g. 'set', 'add', 'delete', 'operate', 'subscribe'. */
  action: string;
  path: string;
  oldValue: string | null;
  newValue: string | null;
  result: AuditResult;
  detail: string | null;
}

export interface AuditRow extends NewAuditEntry {
  id: number;
}
