import { usp, usp_record } from '../usp/generated/usp-proto.js';
import { UspDecodeError } from '../usp/codec';
import { parseRecord } from '../usp/record';
import { USP_ERR_INVALID_ARGUMENTS } from '../../shared/usp-error-codes';
import { endpointIdProblem, printable } from '../../shared/endpoint-id';

/** An Error message the controller may send back for a bad Record, if R-MTP.5's other conditions hold. */
export interface ErrorReply {
  msgId: string;
  errCode: number;
  errMsg: string;
}

export type Inbound =
  | { ok: true; record: usp_record.Record; msg: usp.Msg | null; endpointId: string }
  | { ok: false; reason: string; endpointId: string | null; errorReply: ErrorReply | null };

const MsgType = usp.Header.MsgType;
const REQUEST_TYPES = new Set<number>([
  MsgType.GET,
  MsgType.NOTIFY,
  MsgType.SET,
  MsgType.OPERATE,
  MsgType.ADD,
  MsgType.DELETE,
  MsgType.GET_SUPPORTED_DM,
  MsgType.GET_INSTANCES,
  MsgType.GET_SUPPORTED_PROTO,
  MsgType.REGISTER,
  MsgType.DEREGISTER,
]);

/**
 * Decodes one inbound Record and applies the Record-level checks that do not need the registry:
 * to_id must be ours (R-E2E.1), from_id present and equal to the Endpoint ID the MTP
 * authenticated when it gave one (R-SEC.0a), plaintext payload (session contexts are PLAINTEXT only).
 */
export function classifyInbound(bytes: Uint8Array, ownEndpointId: string, peerEndpointId: string | undefined): Inbound {
  let parsed: ReturnType<typeof parseRecord>;
  try {
    parsed = parseRecord(bytes);
  } catch (error) {
    if (!(error instanceof UspDecodeError)) throw error;
    return undecodable(bytes, ownEndpointId, error);
  }
  const { record, msg } = parsed;
  // Stryker disable next-line StringLiteral: equivalent, protobufjs decodes a missing string field as '', never undefined
  const from = record.from_id ?? '';
  if (!from) return drop('Record has no from_id', null);
  // Checked before anything else uses from_id: an invalid one is never stored, approved or printed raw.
  const problem = endpointIdProblem(from);
  if (problem !== null) return drop(`invalid from_id "${printable(from, 80)}": ${problem}`, null);
  if (record.to_id !== ownEndpointId) return drop(`addressed to "${printable(record.to_id ?? '', 80)}", not to us`, from);
  if (peerEndpointId !== undefined && peerEndpointId !== from) {
    return drop(`from_id "${from}" differs from the Endpoint ID "${printable(peerEndpointId, 80)}" the MTP connection announced`, null);
  }
  if (record.payload_security === usp_record.Record.PayloadSecurity.TLS12) {
    return drop('TLS12 payload security is not supported (session contexts carry PLAINTEXT payloads only)', from);
  }
  // Stryker disable next-line StringLiteral: equivalent, a Record without a Msg has no msg_id to bound, and any short fallback passes the bound alike
  const msgId = msg?.header?.msg_id ?? '';
  if (msgId.length > MAX_MSG_ID) {
    // Refused with an Error (issue 9 #5) instead of being matched, stored and logged whole.
    const reason = `msg_id of ${msgId.length} characters, longer than ${MAX_MSG_ID}`;
    const isRequest = REQUEST_TYPES.has(msg?.header?.msg_type ?? -1);
    return {
      ok: false,
      reason,
      endpointId: from,
      errorReply: isRequest ? { msgId: msgId.slice(0, MAX_MSG_ID), errCode: USP_ERR_INVALID_ARGUMENTS, errMsg: `${reason}: request refused` } : null,
    };
  }
  return { ok: true, record, msg, endpointId: from };
}

/** The longest msg_id accepted; obuspa 11.0.4's own bound is 256. */
export const MAX_MSG_ID = 1024;

function drop(reason: string, endpointId: string | null): Inbound {
  return { ok: false, reason, endpointId, errorReply: null };
}

/**
 * R-MTP.5: a bad Record gets an Error message only if its addressing and the msg_id of the
 * request inside can still be read. A lenient decode (no structural checks) finds out.
 */
function undecodable(bytes: Uint8Array, ownEndpointId: string, error: UspDecodeError): Inbound {
  const reason = `undecodable Record: ${error.message}`;
  let record: usp_record.Record;
  try {
    record = usp_record.Record.decode(bytes);
  } catch {
    return drop(reason, null);
  }
  // Stryker disable next-line ConditionalExpression: equivalent, a decoded from_id is always a string (a defensive check)
  const from = typeof record.from_id === 'string' && record.from_id && endpointIdProblem(record.from_id) === null ? record.from_id : null;
  if (record.to_id !== ownEndpointId || !from) return drop(reason, from);
  const payload = record.no_session_context?.payload;
  // Stryker disable next-line ConditionalExpression: equivalent, an empty payload decodes to a Msg without header, dropped below for its missing msg_id
  if (!payload || payload.length === 0) return drop(reason, from);
  let header: usp.Header.$Properties | null | undefined;
  // Stryker disable BlockStatement: equivalent, without a header the missing msg_id drops the Record below
  try {
    header = usp.Msg.decode(payload).header;
  } catch {
    return drop(reason, from);
  }
  // Stryker restore BlockStatement
  const msgId = header?.msg_id;
  // Stryker disable next-line UnaryOperator: equivalent, a decoded header always has msg_type (default ERROR = 0), so the fallback is never used
  if (!msgId || !REQUEST_TYPES.has(header?.msg_type ?? -1)) return drop(reason, from);
  // a malformed message (e.g. a oneof not set) should get Error 7004.
  return { ok: false, reason, endpointId: from, errorReply: { msgId, errCode: USP_ERR_INVALID_ARGUMENTS, errMsg: error.message } };
}
