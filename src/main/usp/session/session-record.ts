import { encodeRecord } from '../codec';
import { usp_record } from '../generated/usp-proto.js';
import type { RecordAddressing } from '../record';
import { USP_VERSION } from '../record';

/** SessionContextRecord.PayloadSARState. */
export const SarState = usp_record.SessionContextRecord.PayloadSARState;
export type SarState = usp_record.SessionContextRecord.PayloadSARState;

/** The fields of one SessionContextRecord, with the uint64 fields as plain numbers. */
export interface SessionRecord {
  sessionId: number;
  sequenceId: number;
  expectedId: number;
  /** 0 = no retransmit request. */
  retransmitId: number;
  payloadSarState: SarState;
  payloadrecSarState: SarState;
  payload: Uint8Array[];
}

/**
 * Room the SessionContextRecord header takes beyond the payload bytes: four uint64 fields (tag +
 * up to 10 varint bytes), two enums (tag + 1), the payload element tag and length (1 + 5), and the
 * record_type tag and length (1 + 5).
 */
const SESSION_HEADER_MAX = 4 * 11 + 2 * 2 + 6 + 6;

/**
 * protobufjs hands uint64 fields back as Long objects (or numbers); the session layer counts in
 * numbers. Values past 2^53 lose precision, but R-E2E.8/9 restart a context long before that
 * matters for sequence ids, and the session ids we generate stay below it.
 */
export function u64(value: number | { toNumber(): number } | null | undefined): number {
  if (value == null) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** The session fields of a decoded session_context Record. */
export function readSessionRecord(sc: usp_record.ISessionContextRecord): SessionRecord {
  return {
    sessionId: u64(sc.session_id),
    sequenceId: u64(sc.sequence_id),
    expectedId: u64(sc.expected_id),
    retransmitId: u64(sc.retransmit_id),
    payloadSarState: sc.payload_sar_state ?? SarState.NONE,
    payloadrecSarState: sc.payloadrec_sar_state ?? SarState.NONE,
    payload: sc.payload ?? [],
  };
}

/** A whole session_context Record (PLAINTEXT payload security, R-E2E.18: constant for the context). */
export function buildSessionRecord(addressing: RecordAddressing, r: SessionRecord): Uint8Array {
  return encodeRecord({
    version: addressing.version ?? USP_VERSION,
    to_id: addressing.toId,
    from_id: addressing.fromId,
    session_context: {
      session_id: r.sessionId,
      sequence_id: r.sequenceId,
      expected_id: r.expectedId,
      retransmit_id: r.retransmitId,
      payload_sar_state: r.payloadSarState,
      payloadrec_sar_state: r.payloadrecSarState,
      payload: r.payload,
    },
  });
}

/**
 * Payload bytes per segment so that every Record stays within the peer's maximum Record size
 *; 0 means the peer sets no limit. Throws when the limit leaves no room for payload.
 */
export function segmentSize(maxRecordSize: number, addressing: RecordAddressing): number {
  if (maxRecordSize <= 0) return 0;
  const envelope = encodeRecord({ version: addressing.version ?? USP_VERSION, to_id: addressing.toId, from_id: addressing.fromId }).length;
  const room = maxRecordSize - envelope - SESSION_HEADER_MAX;
  if (room < 1) throw new RangeError(`a maximum Record size of ${maxRecordSize} bytes leaves no room for payload after the ${envelope + SESSION_HEADER_MAX}-byte header`);
  return room;
}

/** A one-line description for the trace and the inspector: "session 7 seq 3 ack 2 BEGIN". */
export function describeSessionRecord(r: SessionRecord): string {
  const parts = [`session ${r.sessionId}`, `seq ${r.sequenceId}`, `ack ${r.expectedId}`];
  if (r.retransmitId !== 0) parts.push(`retransmit ${r.retransmitId}`);
  if (r.payloadSarState !== SarState.NONE) parts.push(SarState[r.payloadSarState] ?? String(r.payloadSarState));
  return parts.join(' ');
}
