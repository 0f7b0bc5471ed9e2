import { SarState, type SessionRecord } from './session-record';

/** Bounds and timers of one context. Every buffer is bounded: a hostile peer cannot grow them. */
export interface SessionLimits {
  /** Payload bytes per segment (see segmentSize); 0 = never segment. */
  segmentBytes: number;
  /** Out-of-order Records held while waiting for a gap to fill. */
  maxBufferedRecords: number;
  /** Largest reassembled Msg. */
  maxMessageBytes: number;
  /** Payload bytes of sent Records kept until the peer acknowledges them (R-E2E.16). */
  maxUnackedBytes: number;
  /** Times the peer may ask for the same Record (E2ESession.MaxRetransmitTries; -1 = no limit). */
  maxRetransmitTries: number;
  /** Ask again for a missing Record after this long without it. */
  retransmitAfterMs: number;
  /** Times we ask for the same missing Record before giving up on the context. */
  maxRetransmitRequests: number;
  /** Idle time after which the context expires (E2ESession.SessionExpiration, R-E2E.7); 0 = never. */
  expirationMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  segmentBytes: 0,
  maxBufferedRecords: 4096,
  maxMessageBytes: 32 * 1024 * 1024,
  maxUnackedBytes: 64 * 1024 * 1024,
  maxRetransmitTries: 3,
  retransmitAfterMs: 2000,
  maxRetransmitRequests: 5,
  expirationMs: 0,
};

/** What one received Record (or a timer tick) asks of the owner. */
export interface SessionStep {
  /** Whole Msg payloads, in order, ready for payload processing. */
  messages: Uint8Array[];
  /** Records to send to the peer: retransmissions and retransmit requests. */
  send: SessionRecord[];
  /** Set when the context cannot go on (R-E2E.21): the owner starts a new one. */
  failure: string | null;
}

/** R-E2E.8/9: a context is restarted when a sequence_id comes this close to the largest value we count to. */
const SEQUENCE_HEADROOM = 10_000;
const MAX_SEQUENCE = Number.MAX_SAFE_INTEGER - SEQUENCE_HEADROOM;

interface SentMsg {
  lastSeq: number;
  payload: Uint8Array;
}

/**
 * One E2E session context with one peer: sequencing, acknowledgement through
 * expected_id, retransmission, and segmentation/reassembly of PLAINTEXT payloads. Pure: no I/O,
 * time through the injected clock; the owner encodes and sends what the methods return.
 */
export class SessionContext {
  private nextSeq = 1;
  private expected = 1;
  private peerExpected = 1;
  private readonly unacked = new Map<number, SessionRecord>();
  private unackedBytes = 0;
  private readonly sentMsgs: SentMsg[] = [];
  private readonly outOfOrder = new Map<number, SessionRecord>();
  private outOfOrderBytes = 0;
  private segments: Uint8Array[] | null = null;
  private segmentTotal = 0;
  private readonly retransmitted = new Map<number, number>();
  /** Missing sequence_id we asked for → when and how often. */
  private readonly requested = new Map<number, { at: number; count: number }>();
  private lastActivity: number;

  constructor(
    readonly sessionId: number,
    private readonly limits: SessionLimits,
    private readonly clock: () => number,
  ) {
    // R-E2E.3 says "greater than 1", likely meaning non-zero: we generate >= 2 and accept >= 1.
    if (!Number.isSafeInteger(sessionId) || sessionId < 1) throw new RangeError(`session id ${sessionId} must be a whole number >= 1`);
    this.lastActivity = clock();
  }

  /** The next sequence_id this side expects from the peer. */
  get expectedId(): number {
    return this.expected;
  }

  /** R-E2E.8: our own sequence ids come close to their maximum; the owner starts a new context. */
  get exhausted(): boolean {
    return this.nextSeq > MAX_SEQUENCE - SEQUENCE_HEADROOM;
  }

  /** Whether the context was idle longer than its expiration (R-E2E.7). */
  expired(): boolean {
    return this.limits.expirationMs > 0 && this.clock() - this.lastActivity > this.limits.expirationMs;
  }

  /**
   * Splits one Msg into Records (BEGIN/INPROCESS/COMPLETE when it exceeds the segment size, else
   * NONE; PLAINTEXT: payloadrec_sar_state equals payload_sar_state) and keeps them until acked.
   * Throws RangeError when the unacknowledged bytes would pass their bound or the sequence runs out.
   */
  send(payload: Uint8Array): SessionRecord[] {
    const size = this.limits.segmentBytes > 0 ? this.limits.segmentBytes : Math.max(payload.length, 1);
    const count = Math.max(1, Math.ceil(payload.length / size));
    if (this.unackedBytes + payload.length > this.limits.maxUnackedBytes) {
      throw new RangeError(`${this.unackedBytes} bytes already wait for the peer's acknowledgement; ${payload.length} more would pass the ${this.limits.maxUnackedBytes}-byte bound`);
    }
    if (this.nextSeq + count > MAX_SEQUENCE) throw new RangeError('sequence ids are exhausted: the context must be restarted (R-E2E.8)');
    const records: SessionRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      const state = count === 1 ? SarState.NONE : i === 0 ? SarState.BEGIN : i === count - 1 ? SarState.COMPLETE : SarState.INPROCESS;
      records.push(this.next(state, 0, [payload.subarray(i * size, (i + 1) * size)]));
    }
    this.unackedBytes += payload.length;
    this.sentMsgs.push({ lastSeq: this.nextSeq - 1, payload });
    this.lastActivity = this.clock();
    return records;
  }

  /** An empty Record: starts the context (sequence_id 1, R-E2E.2 deprecated) or only acknowledges. */
  empty(): SessionRecord {
    return this.next(SarState.NONE, 0, []);
  }

  /** Msgs sent in this context that the peer has not acknowledged, for resending in a new context (R-E2E.22). */
  unackedMessages(): Uint8Array[] {
    return this.sentMsgs.filter((m) => m.lastSeq >= this.peerExpected).map((m) => m.payload);
  }

  /** R-E2E.20: processes one Record of this context. */
  receive(r: SessionRecord): SessionStep {
    const step: SessionStep = { messages: [], send: [], failure: null };
    if (r.sessionId !== this.sessionId) return fail(step, `Record of session ${r.sessionId} given to session ${this.sessionId}`);
    if (r.sequenceId < 1 || r.sequenceId > MAX_SEQUENCE) return fail(step, `sequence_id ${r.sequenceId} is out of range (R-E2E.8)`);
    this.lastActivity = this.clock();
    if (r.sequenceId < this.expected || this.outOfOrder.has(r.sequenceId)) return step; // R-E2E.25: duplicate or old
    this.acknowledge(r.expectedId);
    if (r.sequenceId > this.expected) {
      if (this.outOfOrder.size >= this.limits.maxBufferedRecords) return fail(step, `more than ${this.limits.maxBufferedRecords} Records out of order`);
      // Held Records count against the Msg bound as well: a peer cannot park more than one Msg's worth.
      this.outOfOrderBytes += payloadBytes(r);
      if (this.outOfOrderBytes > this.limits.maxMessageBytes) return fail(step, `more than ${this.limits.maxMessageBytes} bytes of Records out of order`);
      this.outOfOrder.set(r.sequenceId, r);
    } else {
      let current: SessionRecord | undefined = r;
      const resend: number[] = [];
      while (current) {
        const error = this.process(current, step, resend);
        if (error) return fail(step, error);
        if (this.outOfOrder.delete(current.sequenceId)) this.outOfOrderBytes -= payloadBytes(current);
        this.requested.delete(current.sequenceId);
        this.expected = current.sequenceId + 1;
        current = this.outOfOrder.get(this.expected);
      }
      for (const seq of resend) {
        const held = this.unacked.get(seq);
        if (held) step.send.push({ ...held, expectedId: this.expected, retransmitId: 0 });
      }
    }
    this.requestGap(step);
    return step;
  }

  /** Timer work: asks again for a Record that is still missing; fails after maxRetransmitRequests. */
  tick(): SessionStep {
    const step: SessionStep = { messages: [], send: [], failure: null };
    const asked = this.requested.get(this.expected);
    if (!asked || this.clock() - asked.at < this.limits.retransmitAfterMs) return step;
    if (asked.count >= this.limits.maxRetransmitRequests) return fail(step, `Record ${this.expected} still missing after ${asked.count} retransmit requests`);
    this.requested.set(this.expected, { at: this.clock(), count: asked.count + 1 });
    step.send.push(this.next(SarState.NONE, this.expected, []));
    return step;
  }

  /** Whether a gap or an unfinished segmented Msg waits for Records from the peer. */
  get waiting(): boolean {
    return this.outOfOrder.size > 0 || this.segments !== null;
  }

  private next(state: SarState, retransmitId: number, payload: Uint8Array[]): SessionRecord {
    const sequenceId = this.nextSeq;
    this.nextSeq += 1;
    const record = { sessionId: this.sessionId, sequenceId, expectedId: this.expected, retransmitId, payloadSarState: state, payloadrecSarState: state, payload };
    // Every Record is kept until acknowledged, empty ones too: the peer may ask for any sequence_id (R-E2E.16).
    this.unacked.set(sequenceId, record);
    return record;
  }

  /** R-E2E.16: the peer's expected_id acknowledges every Record below it. */
  private acknowledge(expectedId: number): void {
    if (expectedId <= this.peerExpected) return;
    this.peerExpected = Math.min(expectedId, this.nextSeq);
    for (const [seq, record] of this.unacked) {
      if (seq >= this.peerExpected) continue;
      this.unacked.delete(seq);
      this.retransmitted.delete(seq);
      for (const p of record.payload) this.unackedBytes -= p.length;
    }
    while (this.sentMsgs.length > 0 && this.sentMsgs[0]!.lastSeq < this.peerExpected) this.sentMsgs.shift();
  }

  /** One in-order Record: its retransmit request, then its payload through reassembly. Returns a failure text. */
  private process(r: SessionRecord, step: SessionStep, resend: number[]): string | null {
    if (r.retransmitId !== 0) {
      if (!this.unacked.has(r.retransmitId)) return `the peer asked for Record ${r.retransmitId}, which is no longer held`;
      const tries = (this.retransmitted.get(r.retransmitId) ?? 0) + 1;
      if (this.limits.maxRetransmitTries >= 0 && tries > this.limits.maxRetransmitTries) {
        return `the peer asked for Record ${r.retransmitId} more than ${this.limits.maxRetransmitTries} times`;
      }
      this.retransmitted.set(r.retransmitId, tries);
      resend.push(r.retransmitId);
    }
    return this.reassemble(r, step);
  }

  private reassemble(r: SessionRecord, step: SessionStep): string | null {
    const bytes = payloadBytes(r);
    if (r.payloadSarState === SarState.NONE) {
      if (bytes === 0) return null;
      if (this.segments !== null) return `Record ${r.sequenceId} carries a whole Msg in the middle of a segmented one`;
      step.messages.push(concat(r.payload, bytes));
      return null;
    }
    if (r.payloadSarState === SarState.BEGIN) {
      if (this.segments !== null) return `Record ${r.sequenceId} begins a Msg before the previous one completed`;
      this.segments = [];
      this.segmentTotal = 0;
    } else if (this.segments === null) {
      return `Record ${r.sequenceId} continues a segmented Msg that never began`;
    }
    this.segmentTotal += bytes;
    if (this.segmentTotal > this.limits.maxMessageBytes) return `a segmented Msg passes the ${this.limits.maxMessageBytes}-byte bound`;
    this.segments.push(...r.payload);
    if (r.payloadSarState === SarState.COMPLETE) {
      step.messages.push(concat(this.segments, this.segmentTotal));
      this.segments = null;
      this.segmentTotal = 0;
    }
    return null;
  }

  /** A gap before buffered Records: ask for the first missing one, once (tick() asks again). */
  private requestGap(step: SessionStep): void {
    if (this.outOfOrder.size === 0 || this.requested.has(this.expected)) return;
    this.requested.set(this.expected, { at: this.clock(), count: 1 });
    step.send.push(this.next(SarState.NONE, this.expected, []));
  }
}

function payloadBytes(r: SessionRecord): number {
  return r.payload.reduce((n, p) => n + p.length, 0);
}

function fail(step: SessionStep, reason: string): SessionStep {
  step.failure = reason;
  return step;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!.slice();
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
