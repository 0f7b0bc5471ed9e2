import type { SarStateName, TraceSessionInfo } from '../../shared/api/trace';
import { decodeMsg } from '../usp/codec';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import { SarState, readSessionRecord } from '../usp/session/session-record';

/**
 * What the inspector shows of a session_context Record: its session fields, and the Msg when the
 * Record carries a whole one (SAR state NONE). A segment alone is not a Msg: only its size is shown.
 */
export function traceSessionOf(record: usp_record.Record): { session: TraceSessionInfo; msg: usp.Msg | null } | null {
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
