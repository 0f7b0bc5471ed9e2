import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../../src/main/usp/codec';
import { DEFAULT_SESSION_LIMITS, SessionContext, type SessionLimits } from '../../../src/main/usp/session/session-context';
import {
  SarState,
  buildSessionRecord,
  describeSessionRecord,
  readSessionRecord,
  segmentSize,
  type SessionRecord,
} from '../../../src/main/usp/session/session-record';

let now = 0;
const clock = () => now;

function context(id: number, limits: Partial<SessionLimits> = {}): SessionContext {
  return new SessionContext(id, { ...DEFAULT_SESSION_LIMITS, ...limits }, clock);
}

function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);
}

/** Hands every Record the receiver asks to send back to the sender, returning the Msgs both sides completed. */
function deliver(from: SessionContext, to: SessionContext, records: SessionRecord[]): { at: Uint8Array[]; back: Uint8Array[] } {
  const at: Uint8Array[] = [];
  const back: Uint8Array[] = [];
  for (const r of records) {
    const step = to.receive(r);
    expect(step.failure).toBeNull();
    at.push(...step.messages);
    if (step.send.length > 0) {
      const reply = deliver(to, from, step.send);
      back.push(...reply.at);
      at.push(...reply.back);
    }
  }
  return { at, back };
}

describe('SessionContext sequencing (R-E2E.14-20)', () => {
  it('numbers Records from 1, carries expected_id, and passes a whole Msg as one NONE Record', () => {
    const a = context(7);
    const b = context(7);
    const [first] = a.send(bytes(10));
    expect(first).toMatchObject({ sessionId: 7, sequenceId: 1, expectedId: 1, retransmitId: 0, payloadSarState: SarState.NONE, payloadrecSarState: SarState.NONE });
    expect(deliver(a, b, [first!]).at).toEqual([bytes(10)]);
    const [answer] = b.send(bytes(4, 9));
    expect(answer).toMatchObject({ sequenceId: 1, expectedId: 2 });
    expect(a.receive(answer!).messages).toEqual([bytes(4, 9)]);
    expect(a.unackedMessages()).toEqual([]);
  });

  it('ignores duplicates and old sequence ids (R-E2E.25)', () => {
    const a = context(7);
    const b = context(7);
    const [r] = a.send(bytes(3));
    expect(b.receive(r!).messages).toHaveLength(1);
    expect(b.receive(r!)).toEqual({ messages: [], send: [], failure: null });
  });

  it('refuses a Record of another session and out-of-range sequence ids', () => {
    const b = context(7);
    expect(b.receive({ ...context(8).send(bytes(2))[0]! }).failure).toMatch(/session 8/);
    expect(b.receive({ ...context(7).send(bytes(2))[0]!, sequenceId: 0 }).failure).toMatch(/out of range/);
  });

  it('rejects session id 0 (R-E2E.3)', () => {
    expect(() => context(0)).toThrow(RangeError);
    expect(context(1).sessionId).toBe(1);
  });
});

describe('SessionContext segmentation and reassembly', () => {
  it('segments a Msg BEGIN / INPROCESS / COMPLETE and reassembles it in order', () => {
    const a = context(9, { segmentBytes: 100 });
    const b = context(9);
    const msg = bytes(1050);
    const records = a.send(msg);
    expect(records).toHaveLength(11);
    expect(records.map((r) => r.payloadSarState)).toEqual([SarState.BEGIN, ...Array<SarState>(9).fill(SarState.INPROCESS), SarState.COMPLETE]);
    expect(records.every((r) => r.payloadrecSarState === r.payloadSarState)).toBe(true);
    expect(deliver(a, b, records).at).toEqual([msg]);
  });

  it('reassembles reordered segments without losing or duplicating the Msg', () => {
    const a = context(9, { segmentBytes: 64 });
    const b = context(9);
    const msg = bytes(640);
    const records = a.send(msg);
    const shuffled = [records[3]!, records[0]!, records[2]!, records[1]!, ...records.slice(4).reverse()];
    const { at } = deliver(a, b, shuffled);
    expect(at).toEqual([msg]);
  });

  it('fetches a lost segment with retransmit_id and completes the Msg', () => {
    const a = context(9, { segmentBytes: 64 });
    const b = context(9);
    const msg = bytes(640);
    const records = a.send(msg);
    const lost = records.splice(4, 1)[0]!;
    const requests: SessionRecord[] = [];
    const completed: Uint8Array[] = [];
    for (const r of records) {
      const step = b.receive(r);
      completed.push(...step.messages);
      requests.push(...step.send);
    }
    expect(completed).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ retransmitId: lost.sequenceId, payload: [] });
    const answer = a.receive(requests[0]!);
    expect(answer.send).toEqual([{ ...lost, expectedId: 2 }]);
    expect(b.receive(answer.send[0]!).messages).toEqual([msg]);
  });

  it('asks again after retransmitAfterMs and gives up after maxRetransmitRequests', () => {
    now = 0;
    const a = context(9, { segmentBytes: 10 });
    const b = context(9, { retransmitAfterMs: 100, maxRetransmitRequests: 2 });
    const records = a.send(bytes(30));
    expect(b.receive(records[1]!).send).toHaveLength(1);
    expect(b.tick().send).toEqual([]);
    now = 150;
    expect(b.tick().send[0]).toMatchObject({ retransmitId: 1 });
    now = 300;
    expect(b.tick().failure).toMatch(/still missing after 2/);
  });

  it('fails when the peer asks for a Record it already acknowledged, or too often', () => {
    const a = context(5, { maxRetransmitTries: 1 });
    const b = context(5);
    deliver(a, b, a.send(bytes(5)));
    const ask = (seq: number, expectedId: number) => ({ ...b.empty(), retransmitId: seq, expectedId });
    a.send(bytes(5));
    expect(a.receive(ask(2, 1)).send).toHaveLength(1);
    expect(a.receive(ask(2, 1)).failure).toMatch(/more than 1 times/);
    const c = context(5);
    const d = context(5);
    deliver(c, d, c.send(bytes(5)));
    expect(c.receive({ ...d.empty(), retransmitId: 1, expectedId: 2 }).failure).toMatch(/no longer held/);
  });

  it('bounds out-of-order Records, reassembled size and unacknowledged bytes', () => {
    const a = context(3, { segmentBytes: 10 });
    const records = a.send(bytes(100));
    const small = context(3, { maxBufferedRecords: 2 });
    small.receive(records[2]!);
    small.receive(records[3]!);
    expect(small.receive(records[4]!).failure).toMatch(/more than 2 Records out of order/);
    const tight = context(3, { maxMessageBytes: 50 });
    const failures = records.map((r) => tight.receive(r).failure).filter((f) => f !== null);
    expect(failures[0]).toMatch(/50-byte bound/);
    const parked = context(3, { maxMessageBytes: 25 });
    expect(parked.receive(records[1]!).failure).toBeNull();
    expect(parked.receive(records[2]!).failure).toBeNull();
    expect(parked.receive(records[3]!).failure).toMatch(/more than 25 bytes of Records out of order/);
    const sender = context(3, { maxUnackedBytes: 150 });
    sender.send(bytes(100));
    expect(() => sender.send(bytes(100))).toThrow(/150-byte bound/);
  });

  it('fails on SAR states out of order', () => {
    const a = context(3, { segmentBytes: 10 });
    const [begin, , complete] = a.send(bytes(30));
    const b = context(3);
    expect(b.receive({ ...complete!, sequenceId: 1 }).failure).toMatch(/never began/);
    const c = context(3);
    c.receive(begin!);
    expect(c.receive({ ...begin!, sequenceId: 2 }).failure).toMatch(/before the previous one completed/);
  });
});

describe('SessionContext acknowledgement, restart and expiry', () => {
  it('keeps Msgs until expected_id passes them, for resending in a new context (R-E2E.16/22)', () => {
    const a = context(4);
    const b = context(4);
    a.send(bytes(5, 1));
    const [second] = a.send(bytes(5, 2));
    expect(a.unackedMessages()).toEqual([bytes(5, 1), bytes(5, 2)]);
    b.receive({ ...a.empty(), sequenceId: 1, payload: [bytes(5, 1)] });
    a.receive(b.empty());
    expect(a.unackedMessages()).toEqual([bytes(5, 2)]);
    expect(second?.sequenceId).toBe(2);
  });

  it('expires after SessionExpiration of silence (R-E2E.7)', () => {
    now = 1000;
    const a = context(4, { expirationMs: 500 });
    now = 1400;
    expect(a.expired()).toBe(false);
    a.receive(context(4).empty());
    now = 1800;
    expect(a.expired()).toBe(false);
    now = 1901;
    expect(a.expired()).toBe(true);
    expect(context(4).expired()).toBe(false);
  });
});

describe('session Records on the wire', () => {
  const addressing = { toId: 'proto::agent', fromId: 'self::ctl' };

  it('encodes and decodes every SessionContextRecord field', () => {
    const r: SessionRecord = { sessionId: 2 ** 40, sequenceId: 12, expectedId: 5, retransmitId: 3, payloadSarState: SarState.INPROCESS, payloadrecSarState: SarState.INPROCESS, payload: [bytes(7)] };
    const decoded = decodeRecord(buildSessionRecord(addressing, r));
    expect(decoded.record_type).toBe('session_context');
    const read = readSessionRecord(decoded.session_context!);
    expect({ ...read, payload: read.payload.map((p) => Uint8Array.from(p)) }).toEqual(r);
    expect(describeSessionRecord(r)).toBe(`session ${2 ** 40} seq 12 ack 5 retransmit 3 INPROCESS`);
  });

  it('sizes segments so that each Record fits the peer limit', () => {
    const size = segmentSize(1024, addressing);
    const a = context(2 ** 40, { segmentBytes: size });
    for (const r of a.send(bytes(5000))) expect(buildSessionRecord(addressing, { ...r, expectedId: 2 ** 50 }).length).toBeLessThanOrEqual(1024);
    expect(segmentSize(0, addressing)).toBe(0);
    expect(() => segmentSize(60, addressing)).toThrow(RangeError);
  });
});
