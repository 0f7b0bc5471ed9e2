import type { SarStateName, TraceSessionInfo } from '../../shared/api/trace';
import { decodeMsg, decodeRecord } from '../usp/codec';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import { SarState, readSessionRecord } from '../usp/session/session-record';

/**
 * What the inspector shows of a session_context Record: its session fields, and the Msg when the
 * Record carries a whole one (SAR state NONE). A segment alone is not a Msg: only its size is shown.
 */
export function traceSessionOf(record: usp_record.Record, earlierBegins: () => Uint8Array[]): { session: TraceSessionInfo; msg: usp.Msg | null } | null {
  if (!record.session_context) return null;
  const r = readSessionRecord(record.session_context);
  const payloadBytes = r.payload.reduce((n, p) => n + p.length, 0);
  const session: TraceSessionInfo = {
    sessionId: r.sessionId,
    sequenceId: r.sequenceId,
    expectedId: r.expectedId,
    retransmitId: r.retransmitId,
    payloadSarState: (SarState[r.payloadSarState] ?? 'NONE') as SarStateName,
    payloadrecSarState: (SarState[r.payloadrecSarState] ?? 'NONE') as SarStateName,
    payloadBytes,
    segment: segmentNumber(r.sessionId, r.sequenceId, r.payloadSarState, earlierBegins),
  };
  let msg: usp.Msg | null = null;
  if (r.payloadSarState === SarState.NONE && r.payload.length === 1 && payloadBytes > 0) {
    try {
      msg = decodeMsg(r.payload[0]!);
    } catch {
      msg = null; // TLS or garbage payloads are shown as bytes only
    }
  }
  return { session, msg };
}

/**
 * The segments of one Msg have consecutive sequence ids from its BEGIN (a sender numbers every
 * Record it sends, R-E2E.15), so a segment's number follows from the nearest earlier BEGIN of
 * the same session: the latest BEGIN with a lower sequence_id.
 */
function segmentNumber(sessionId: number, sequenceId: number, state: number, earlierBegins: () => Uint8Array[]): number | null {
  if (state === SarState.NONE) return null;
  if (state === SarState.BEGIN) return 1;
  let begin = 0;
  for (const bytes of earlierBegins()) {
    let sc: usp_record.ISessionContextRecord | null | undefined;
    try {
      sc = decodeRecord(bytes).session_context;
    } catch {
      continue;
    }
    if (!sc) continue;
    const r = readSessionRecord(sc);
    if (r.sessionId === sessionId && r.payloadSarState === SarState.BEGIN && r.sequenceId < sequenceId) begin = Math.max(begin, r.sequenceId);
  }
  return begin > 0 ? sequenceId - begin + 1 : null;
}
