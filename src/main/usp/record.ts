import { usp, usp_record } from './generated/usp-proto.js';
import { UspDecodeError, decodeMsg, decodeRecord, encodeMsg, encodeRecord } from './codec';

/** USP version this controller writes into Record.version. */
export const USP_VERSION = '1.4';

/** Names of the Record.record_type oneof members. */
export type RecordKind = NonNullable<usp_record.Record['record_type']>;

/** A decoded Record and, for no_session_context Records, the Msg inside it. */
export interface ParsedRecord {
  record: usp_record.Record;
  msg: usp.Msg | null;
}

/**
 * Decodes a Record and, when it carries a no_session_context payload, the Msg inside it.
 * Throws only UspDecodeError; offsets of errors inside the Msg are given relative to the Record.
 */
export function parseRecord(bytes: Uint8Array): ParsedRecord {
  const record = decodeRecord(bytes);
  if (record.record_type !== 'no_session_context') return { record, msg: null };
  const payload = record.no_session_context?.payload;
  // R-E2E.26: the payload of a no_session_context Record must be present and non-empty.
  if (!payload || payload.length === 0) {
    throw new UspDecodeError('missing-field', 'NoSessionContextRecord.payload is empty: the Record carries no Msg');
  }
  try {
    return { record, msg: decodeMsg(payload) };
  } catch (err) {
    if (!(err instanceof UspDecodeError)) throw err;
    throw err.shifted(payloadOffset(bytes, payload), 'Msg in no_session_context payload');
  }
}

// protobufjs hands out payload bytes as a view into the Record buffer, so the view's position gives the offset.
function payloadOffset(record: Uint8Array, payload: Uint8Array): number {
  return payload.buffer === record.buffer ? payload.byteOffset - record.byteOffset : 0;
}

/** Record.record_type of a decoded Record. */
export function recordKind(record: usp_record.IRecord): RecordKind | undefined {
  if (record.record_type) return record.record_type;
  const kinds: RecordKind[] = ['no_session_context', 'session_context', 'websocket_connect', 'mqtt_connect', 'stomp_connect', 'disconnect', 'uds_connect'];
  return kinds.find((k) => record[k] != null);
}

export interface RecordAddressing {
  toId: string;
  fromId: string;
  /** Record.version; defaults to USP_VERSION. */
  version?: string;
}

/** A NoSessionContext Record carrying one Msg: the normal case. */
export function buildMsgRecord(options: RecordAddressing & { msg: usp.IMsg }): Uint8Array {
  return encodeRecord(envelope(options, { no_session_context: { payload: encodeMsg(options.msg) } }));
}

export type ConnectRecordKind = 'websocket' | 'mqtt' | 'stomp' | 'uds';

export interface ConnectRecordOptions extends RecordAddressing {
  /** MQTTConnectRecord.version; defaults to V5. */
  mqttVersion?: 'V3_1_1' | 'V5';
  /** MQTTConnectRecord.subscribed_topic: the exact topic the sender can be reached on. */
  subscribedTopic?: string;
  /** STOMPConnectRecord.subscribed_destination. */
  stompDestination?: string;
}

/** The Connect Record an endpoint sends once its MTP session is up (USP 1.2+, UDS 1.3+). */
export function buildConnectRecord(kind: ConnectRecordKind, options: ConnectRecordOptions): Uint8Array {
  switch (kind) {
    case 'websocket':
      return encodeRecord(envelope(options, { websocket_connect: {} }));
    case 'uds':
      return encodeRecord(envelope(options, { uds_connect: {} }));
    case 'mqtt': {
      const version = usp_record.MQTTConnectRecord.MQTTVersion[options.mqttVersion ?? 'V5'];
      return encodeRecord(envelope(options, { mqtt_connect: { version, subscribed_topic: options.subscribedTopic ?? '' } }));
    }
    case 'stomp':
      return encodeRecord(envelope(options, { stomp_connect: { subscribed_destination: options.stompDestination ?? '' } }));
  }
}

export interface DisconnectRecordOptions extends RecordAddressing {
  reason?: string;
  /** DisconnectRecord.reason_code, normally from the 7100-7199 table. */
  reasonCode?: number;
}

/** A DisconnectRecord, sent before closing or to reset E2E state (R-MTP.9). */
export function buildDisconnectRecord(options: DisconnectRecordOptions): Uint8Array {
  return encodeRecord(envelope(options, { disconnect: { reason: options.reason ?? '', reason_code: options.reasonCode ?? 0 } }));
}

/**
 * Adds the addressing fields to a record body. Assigning onto the body instead of spreading
 * into a new literal matters: the encoder's per-field property checks are several times slower
 * on objects built by spread (measured with bench/codec.bench.ts).
 */
function envelope(options: RecordAddressing, body: usp_record.IRecord): usp_record.IRecord {
  body.version = options.version ?? USP_VERSION;
  body.to_id = options.toId;
  body.from_id = options.fromId;
  return body;
}
