import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../../src/main/usp/codec';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../../../src/main/usp/session/session-context';
import { SessionEndpoint, type SessionOutput } from '../../../src/main/usp/session/session-endpoint';
import { readSessionRecord } from '../../../src/main/usp/session/session-record';

let now = 0;
let nextId = 100;

function endpoint(fromId: string, toId: string, limits: Partial<SessionLimits> = {}): SessionEndpoint {
  return new SessionEndpoint({
    addressing: { fromId, toId },
    limits: { ...DEFAULT_SESSION_LIMITS, ...limits },
    clock: () => now,
    newSessionId: () => (nextId += 1),
  });
}

const text = (s: string) => new TextEncoder().encode(s);
const read = (b: Uint8Array) => new TextDecoder().decode(b);

/** Delivers Records back and forth until both sides are quiet; returns the Msgs each side received. */
function converse(a: SessionEndpoint, b: SessionEndpoint, first: SessionOutput): { atA: string[]; atB: string[]; restarts: string[] } {
  const atA: string[] = [];
  const atB: string[] = [];
  const restarts: string[] = [];
  let queue: { to: 'a' | 'b'; bytes: Uint8Array }[] = first.records.map((bytes) => ({ to: 'b', bytes }));
  for (let rounds = 0; queue.length > 0 && rounds < 1000; rounds += 1) {
    const next: typeof queue = [];
    for (const { to, bytes } of queue) {
      const record = readSessionRecord(decodeRecord(bytes).session_context!);
      const out = (to === 'a' ? a : b).receive(record);
      (to === 'a' ? atA : atB).push(...out.messages.map(read));
      if (out.restarted) restarts.push(out.restarted);
      next.push(...out.records.map((r) => ({ to: to === 'a' ? ('b' as const) : ('a' as const), bytes: r })));
    }
    queue = next;
  }
  return { atA, atB, restarts };
}

describe('SessionEndpoint', () => {
  it('starts a context with the first Msg; the peer adopts its session_id (R-E2E.4)', () => {
    const ctl = endpoint('self::ctl', 'proto::agent');
    const agent = endpoint('proto::agent', 'self::ctl');
    const out = ctl.send(text('get'));
    expect(readSessionRecord(decodeRecord(out.records[0]!).session_context!)).toMatchObject({ sequenceId: 1, sessionId: ctl.sessionId });
    expect(converse(ctl, agent, out).atB).toEqual(['get']);
    expect(agent.sessionId).toBe(ctl.sessionId);
    expect(converse(agent, ctl, agent.send(text('get_resp'))).atB).toEqual(['get_resp']);
  });

  it('recovers from a peer that lost its state mid-session: new context, unacknowledged Msg resent (R-E2E.22/24)', () => {
    const ctl = endpoint('self::ctl', 'proto::agent');
    let agent = endpoint('proto::agent', 'self::ctl');
    converse(ctl, agent, ctl.send(text('one')));
    converse(agent, ctl, agent.send(text('one-resp')));
    const before = ctl.sessionId;
    agent = endpoint('proto::agent', 'self::ctl'); // rebooted
    const result = converse(ctl, agent, ctl.send(text('two')));
    expect(result.atB).toEqual(['two']);
    expect(result.restarts[0]).toMatch(/unknown session/);
    expect(ctl.sessionId).toBe(agent.sessionId);
    expect(ctl.sessionId).not.toBe(before);
  });

  it('restarts an expired context when the next Msg arrives (R-E2E.7)', () => {
    now = 0;
    const ctl = endpoint('self::ctl', 'proto::agent');
    const agent = endpoint('proto::agent', 'self::ctl', { expirationMs: 1000 });
    converse(ctl, agent, ctl.send(text('one')));
    converse(agent, ctl, agent.send(text('one-resp')));
    const first = agent.sessionId;
    now = 5000;
    const result = converse(ctl, agent, ctl.send(text('two')));
    expect(result.atB).toEqual(['two']);
    expect(result.restarts).toContain('the session context expired');
    expect(agent.sessionId).not.toBe(first);
  });

  it('starts a new context when the peer sequence_id nears the maximum (R-E2E.9)', () => {
    const ctl = endpoint('self::ctl', 'proto::agent');
    const agent = endpoint('proto::agent', 'self::ctl');
    converse(ctl, agent, ctl.send(text('one')));
    const sessionId = agent.sessionId!;
    const out = ctl.receive({ sessionId, sequenceId: Number.MAX_SAFE_INTEGER - 5, expectedId: 2, retransmitId: 0, payloadSarState: 0, payloadrecSarState: 0, payload: [text('late')] });
    expect(out.messages).toEqual([]);
    expect(out.restarted).toMatch(/out of range/);
    expect(ctl.sessionId).not.toBe(sessionId);
  });

  it('reset() (DisconnectRecord, R-MTP.7) forgets the context and hands back undelivered Msgs', () => {
    const ctl = endpoint('self::ctl', 'proto::agent');
    ctl.send(text('lost'));
    expect(ctl.reset().map(read)).toEqual(['lost']);
    expect(ctl.sessionId).toBeNull();
  });

  it('tick() asks again for a missing Record and restarts after too many tries', () => {
    now = 0;
    const sender = endpoint('proto::agent', 'self::ctl', { segmentBytes: 4 });
    const receiver = endpoint('self::ctl', 'proto::agent', { retransmitAfterMs: 10, maxRetransmitRequests: 1 });
    const out = sender.send(text('0123456789'));
    const records = out.records.map((b) => readSessionRecord(decodeRecord(b).session_context!));
    receiver.receive(records[0]!);
    expect(receiver.receive(records[2]!).records).toHaveLength(1);
    expect(receiver.tick().records).toEqual([]);
    now = 20;
    const restarted = receiver.tick();
    expect(restarted.restarted).toMatch(/still missing/);
    expect(restarted.records).toHaveLength(1);
  });
});
