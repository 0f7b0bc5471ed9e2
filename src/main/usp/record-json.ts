import { usp, usp_record } from './generated/usp-proto.js';
import { UspDecodeError, encodeMsg, encodeRecord } from './codec';
import { HexParseError, parseHex, toHex } from './hex';
import { compareJson, RecordJsonError, type JsonObject } from './json-compare';
import { parseRecord } from './record';

export { RecordJsonError, type JsonObject, type JsonValue } from './json-compare';

// Every field with its default filled in, enums by name, the oneof member named beside it.
const TO_OBJECT = { enums: String, longs: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;
const EMPTY = new Uint8Array();

/**
 * A Record as JSON: every Record field, bytes as lowercase hex, enums by name, the record_type
 * member named, and for no_session_context the Msg inside decoded (header and body) in place of
 * the payload bytes. Throws UspDecodeError for bytes that are not a valid Record.
 */
export function recordToJson(bytes: Uint8Array): JsonObject {
  const { record, msg } = parseRecord(bytes);
  return describeRecord(record, msg);
}

function describeRecord(record: usp_record.Record, msg: usp.Msg | null): JsonObject {
  const kind = record.record_type;
  const out: JsonObject = {
    version: record.version ?? '',
    to_id: record.to_id ?? '',
    from_id: record.from_id ?? '',
    payload_security: usp_record.Record.PayloadSecurity[record.payload_security ?? 0] ?? 'PLAINTEXT',
    mac_signature: toHex(record.mac_signature ?? EMPTY),
    sender_cert: toHex(record.sender_cert ?? EMPTY),
    record_type: kind ?? null,
  };
  if (kind) out[kind] = recordMember(record, msg);
  return out;
}

/** A decoded Msg as JSON (header and body, enums by name, oneof members named). */
export function msgToJson(msg: usp.Msg): JsonObject {
  return usp.Msg.toObject(msg, TO_OBJECT) as JsonObject;
}

function recordMember(record: usp_record.Record, msg: usp.Msg | null): JsonObject {
  switch (record.record_type) {
    case 'session_context': {
      const sc = record.session_context as usp_record.SessionContextRecord;
      const json = usp_record.SessionContextRecord.toObject(sc, TO_OBJECT) as JsonObject;
      // Session-context payloads may be TLS records or Msg segments, so they stay hex.
      json.payload = (sc.payload ?? []).map(toHex);
      return json;
    }
    case 'mqtt_connect':
      return usp_record.MQTTConnectRecord.toObject(record.mqtt_connect as usp_record.MQTTConnectRecord, TO_OBJECT) as JsonObject;
    case 'stomp_connect':
      return usp_record.STOMPConnectRecord.toObject(record.stomp_connect as usp_record.STOMPConnectRecord, TO_OBJECT) as JsonObject;
    case 'disconnect':
      return usp_record.DisconnectRecord.toObject(record.disconnect as usp_record.DisconnectRecord, TO_OBJECT) as JsonObject;
    case 'no_session_context':
      return { payload: msg ? msgToJson(msg) : null };
    default:
      return {};
  }
}

/**
 * The exact reverse of recordToJson: JSON in that shape (fields may be left out to take their
 * defaults) to Record bytes. Throws RecordJsonError naming the JSON path of the first field that
 * is unknown, of the wrong type, an unknown enum name, bad hex, or that makes the Record invalid.
 */
export function recordFromJson(json: unknown): Uint8Array {
  const root = expectObject(json, '');
  // `expected` is the input with hex normalised, compared against the re-decoded result at the end.
  const expected: JsonObject = { ...root };
  const prepared: Record<string, unknown> = { ...root };
  for (const field of ['mac_signature', 'sender_cert'] as const) {
    const value = root[field];
    if (value == null) continue;
    const bytes = hexField(value, field);
    prepared[field] = bytes;
    expected[field] = toHex(bytes);
  }
  const nsc = root.no_session_context;
  if (nsc != null) {
    const member = expectObject(nsc, 'no_session_context');
    const payload = member.payload;
    if (payload == null) throw new RecordJsonError('no_session_context.payload', 'is missing: it must hold the Msg (header and body)');
    prepared.no_session_context = { ...member, payload: msgBytes(expectObject(payload, 'no_session_context.payload')) };
  }
  const sc = root.session_context;
  if (sc != null) {
    const member = expectObject(sc, 'session_context');
    const payloads = member.payload ?? [];
    if (!Array.isArray(payloads)) throw new RecordJsonError('session_context.payload', 'must be a list of hex strings');
    const bytes = payloads.map((p, i) => hexField(p, `session_context.payload[${i}]`));
    prepared.session_context = { ...member, payload: bytes };
    expected.session_context = { ...member, payload: bytes.map(toHex) };
  }
  const record = fromObject(() => usp_record.Record.fromObject(prepared), '');
  const bytes = encodeRecord(record);
  // Compare against a lenient decode first, so a misspelt or badly typed field is named as such
  // rather than reported as the structural problem it causes (e.g. no record_type).
  const lenient = usp_record.Record.decode(bytes);
  const payload = lenient.no_session_context?.payload;
  compareJson(expected, describeRecord(lenient, payload ? usp.Msg.decode(payload) : null), '');
  try {
    parseRecord(bytes);
  } catch (err) {
    if (err instanceof UspDecodeError) throw new RecordJsonError('', `is not valid: ${err.message.replace(/ \(at byte \d+\)$/, '')}`);
    throw err;
  }
  return bytes;
}

function msgBytes(json: JsonObject): Uint8Array {
  return encodeMsg(fromObject(() => usp.Msg.fromObject(json), 'no_session_context.payload'));
}

function hexField(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string') throw new RecordJsonError(path, 'must be a hex string');
  try {
    return parseHex(value);
  } catch (err) {
    if (err instanceof HexParseError) throw new RecordJsonError(path, `is not hex: ${err.message}`);
    throw err;
  }
}

function expectObject(value: unknown, path: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordJsonError(path, `must be a JSON object, not ${describe(value)}`);
  }
  return value as JsonObject;
}

/** protobufjs fromObject throws TypeError(".usp.Msg.header: object expected"); name the field plainly. */
function fromObject<T>(convert: () => T, path: string): T {
  try {
    return convert();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /^\.([\w.]+): (object|array) expected$/.exec(message);
    if (m) throw new RecordJsonError(path, `field ${m[1]} must be ${m[2] === 'object' ? 'a JSON object' : 'a list'}`, { cause: err });
    throw new RecordJsonError(path, message, { cause: err });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

