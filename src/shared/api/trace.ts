import type { MtpKind, PageRequest } from './common';

/** usp-record record_type oneof, named as in the spec. */
export type RecordKind =
  | 'no_session_context'
  | 'session_context'
  | 'websocket_connect'
  | 'mqtt_connect'
  | 'stomp_connect'
  | 'disconnect'
  | 'uds_connect';

/** Header.msg_type names as in usp-msg (e.g. 'GET', 'GET_RESP', 'NOTIFY', 'ERROR'). */
export type MsgTypeName = string;

/** One Record sent or received (the message trace), light enough to stream. */
export interface TraceRow {
  /** Store row id, increasing. */
  id: number;
  agentId: string;
  direction: 'in' | 'out';
  at: number;
  mtp: MtpKind | null;
  recordKind: RecordKind | null;
  /** Record.version, e.g. '1.3'. */
  version: string | null;
  fromId: string;
  toId: string;
  /** Header msg_id of the contained Msg, null for connect/disconnect records or undecodable ones. */
  msgId: string | null;
  msgType: MsgTypeName | null;
  /** Record size in bytes on the wire. */
  size: number;
  /** One-line human summary, e.g. 'Get Device.DeviceInfo.' or 'Error 7026 Invalid path'. */
  summary: string;
  /** Set when the Record or the Msg could not be decoded. */
  decodeError: string | null;
}

/** SessionContextRecord.PayloadSARState names. */
export type SarStateName = 'NONE' | 'BEGIN' | 'INPROCESS' | 'COMPLETE';

/** The session-context fields of a session_context Record, for the inspector. */
export interface TraceSessionInfo {
  sessionId: number;
  sequenceId: number;
  /** The next sequence_id the sender expected from its peer (acknowledges everything below). */
  expectedId: number;
  /** Non-zero: the sender asked its peer to resend this sequence_id. */
  retransmitId: number;
  payloadSarState: SarStateName;
  payloadrecSarState: SarStateName;
  /** Payload bytes this Record carries (a whole Msg, a segment, or 0). */
  payloadBytes: number;
  /** Segment number within its Msg (1 = BEGIN); null when not segmented or its BEGIN is no longer in the trace. */
  segment: number | null;
}

export interface TraceDetail extends TraceRow {
  /** Session id, sequence and segment state; null for Records without session context. */
  session: TraceSessionInfo | null;
  /** Record fields (everything except the payload bytes) as JSON, keep-case names. */
  record: Record<string, unknown>;
  /** The decoded usp.Msg as JSON (protobufjs toObject: keep-case, enums as names, longs as numbers, bytes base64); null if none/undecodable. */
  message: Record<string, unknown> | null;
  /** The whole Record as lowercase hex, no separators. */
  hex: string;
}

export interface TraceQuery extends PageRequest {
  agentIds?: string[];
  direction?: 'in' | 'out';
  msgTypes?: MsgTypeName[];
  msgId?: string;
  /** Case-insensitive substring of summary, msgId or agentId. */
  text?: string;
  since?: number;
  until?: number;
}

export interface RawMessageOptions {
  /** Wait for the matching response (by msg_id); default true unless msg_type is a response type. */
  awaitResponse?: boolean;
  /** ms; default 30000. */
  timeoutMs?: number;
}

export interface RawMessageResult {
  /** The msg_id actually sent (generated when header.msg_id was empty). */
  msgId: string;
  /** Trace row of the sent Record. */
  sentTraceId: number;
  /** Trace row of the response, null when not awaited. */
  responseTraceId: number | null;
  /** Decoded response Msg JSON (same form as TraceDetail.message), null when not awaited. */
  response: Record<string, unknown> | null;
  latencyMs: number | null;
}
