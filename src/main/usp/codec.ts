import protobuf from 'protobufjs/minimal.js';
import { usp, usp_record } from './generated/usp-proto.js';
import { UspDecodeError } from './decode-error';
import { validateMsg } from './validate-msg';
import { validateRecord } from './validate-record';

export { UspDecodeError, type UspDecodeErrorKind } from './decode-error';

/**
 * Largest Record we decode. OB-USP-Agent caps Records at 5 MiB on WebSocket/UDS
 * (obuspa); a full data-model GetSupportedDMResp stays far below this, so anything
 * larger is refused before decoding to keep memory bounded.
 */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** Decodes and checks one serialized usp_record.Record. Throws only UspDecodeError. */
export function decodeRecord(bytes: Uint8Array): usp_record.Record {
  checkInput(bytes, 'Record');
  let record: usp_record.Record;
  try {
    record = usp_record.Record.decode(bytes);
  } catch (err) {
    throw fromProtobufError(err, failurePosition(bytes, usp_record.Record.decode), 'Record');
  }
  validateRecord(record);
  return record;
}

/** Decodes and checks one serialized usp.Msg (a NoSessionContextRecord payload). Throws only UspDecodeError. */
export function decodeMsg(bytes: Uint8Array): usp.Msg {
  checkInput(bytes, 'Msg');
  let msg: usp.Msg;
  try {
    msg = usp.Msg.decode(bytes);
  } catch (err) {
    throw fromProtobufError(err, failurePosition(bytes, usp.Msg.decode), 'Msg');
  }
  validateMsg(msg);
  return msg;
}

/** Serializes a Record. Default-valued scalars left unset are omitted, as protobuf-c does. */
export function encodeRecord(record: usp_record.IRecord): Uint8Array {
  return usp_record.Record.encode(record).finish();
}

/** Serializes a Msg. */
export function encodeMsg(msg: usp.IMsg): Uint8Array {
  return usp.Msg.encode(msg).finish();
}

/**
 * Byte position where decoding fails. Only called after a failure: decoding again with a reader
 * we hold (rather than always passing one in) keeps the successful path as fast as bare
 * protobufjs, whose reader allocation V8 can optimise away.
 */
function failurePosition(bytes: Uint8Array, decode: (reader: protobuf.Reader) => unknown): number {
  const reader = protobuf.Reader.create(bytes);
  try {
    decode(reader);
  } catch {
    return reader.pos;
  }
  return 0;
}

function checkInput(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array)) throw new UspDecodeError('malformed', `${what} input is not a byte array`);
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new UspDecodeError('too-large', `${what} is ${bytes.length} bytes, more than the ${MAX_RECORD_BYTES}-byte limit`);
  }
  if (bytes.length === 0) throw new UspDecodeError('truncated', `${what} is empty (0 bytes)`);
}

/** Turns whatever protobufjs threw into a UspDecodeError that says what went wrong and where. */
function fromProtobufError(err: unknown, pos: number, what: string): UspDecodeError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError || message.startsWith('index out of range')) {
    return new UspDecodeError('truncated', `${what} ends inside a field: a length or varint runs past the end of the data`, pos);
  }
  if (err instanceof TypeError) {
    return new UspDecodeError('malformed', `${what} has a string field that is not valid UTF-8`, pos);
  }
  const wireType = /^invalid wire type (\d+)/.exec(message);
  if (wireType) return new UspDecodeError('malformed', `${what} has a field with wire type ${wireType[1]}, which does not exist`, pos);
  const plain = PLAIN_MESSAGES[message];
  return new UspDecodeError('malformed', `${what} is not valid protobuf: ${plain ?? message}`, pos);
}

const PLAIN_MESSAGES: Record<string, string> = {
  'max depth exceeded': 'messages are nested deeper than the decoder allows',
  'invalid varint encoding': 'a varint is longer than 10 bytes',
  'invalid tag encoding': 'a field tag is not a valid varint',
  'invalid length encoding': 'a length prefix is not a valid size',
  'illegal tag: field number 0': 'a field has number 0, which protobuf does not allow',
  'invalid end group tag': 'an end-group tag does not match its start',
  'missing end group': 'a group is not closed',
};
