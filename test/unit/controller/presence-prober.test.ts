import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceProber } from '../../../src/main/controller/presence-prober';

// Presence probing of broker agents (issue 9 #6) on vitest's fake clock: when each probe leaves.

interface Probe {
  endpointId: string;
  at: number;
  answer(answered: boolean): void;
}

function setup(options: { initialDelayMs?: number; maxDelayMs?: number } = { initialDelayMs: 2_000, maxDelayMs: 10_000 }) {
  const probes: Probe[] = [];
  const unwanted = new Set<string>();
  const prober = new PresenceProber(
    (endpointId) => new Promise<boolean>((answer) => probes.push({ endpointId, at: Date.now(), answer })),
    (endpointId) => !unwanted.has(endpointId),
    options,
  );
  /** Answers the latest probe and lets the prober plan the next one. */
  const answerLast = async (answered: boolean) => {
    probes.at(-1)!.answer(answered);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { prober, probes, unwanted, answerLast };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PresenceProber', () => {
  it('backs off an agent marked offline by a timeout: 2 s, 4 s, 8 s, then the 10 s cap', async () => {
    const { prober, probes, answerLast } = setup();
    prober.retry('a');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(probes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(probes.map((p) => p.at)).toEqual([2_000]);
    const gaps = [4_000, 8_000, 10_000, 10_000];
    for (const gap of gaps) {
      const last = probes.at(-1)!.at;
      await answerLast(false);
      await vi.advanceTimersByTimeAsync(gap - 1);
      expect(probes.at(-1)!.at, `not before ${gap} ms`).toBe(last);
      await vi.advanceTimersByTimeAsync(1);
      expect(probes.at(-1)!.at).toBe(last + gap);
    }
    expect(probes).toHaveLength(1 + gaps.length);
  });

  it('probes at once after a link-up, and requests timing out meanwhile add no second probe', async () => {
    const { prober, probes, answerLast } = setup();
    prober.schedule('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(probes.map((p) => p.at)).toEqual([0]);
    // While that probe is in flight a request times out and the link comes up again: its
    // outcome, not another timer, plans the next probe.
    await vi.advanceTimersByTimeAsync(1_000);
    prober.retry('a');
    prober.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    expect(probes).toHaveLength(1);
    await answerLast(false);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probes.map((p) => p.at)).toEqual([0, 3_500]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps one schedule per agent: a planned probe is not moved by another request', async () => {
    const { prober, probes } = setup();
    prober.retry('a');
    prober.schedule('a');
    prober.schedule('b', 500);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probes.map((p) => [p.endpointId, p.at])).toEqual([
      ['b', 500],
      ['a', 2_000],
    ]);
  });

  it('stops once the agent answers', async () => {
    const { prober, probes, answerLast } = setup();
    prober.retry('a');
    await vi.advanceTimersByTimeAsync(2_000);
    await answerLast(true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(1);
  });

  it('stops when the agent is no longer wanted, before a probe or after a silent one', async () => {
    const { prober, probes, unwanted, answerLast } = setup();
    prober.retry('a');
    unwanted.add('a');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toEqual([]);
    unwanted.delete('a');
    prober.schedule('a');
    await vi.advanceTimersByTimeAsync(0);
    unwanted.add('a');
    await answerLast(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(probes).toHaveLength(1);
  });

  it('cancel and cancelAll drop planned probes', async () => {
    const { prober, probes } = setup();
    prober.retry('a');
    prober.retry('b');
    prober.retry('c');
    prober.cancel('a');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probes.map((p) => p.endpointId)).toEqual(['b', 'c']);
    for (const p of probes) p.answer(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(2);
    prober.cancelAll();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(2);
  });

  it('defaults to 2 s, doubling up to 10 minutes', async () => {
    const { prober, probes, answerLast } = setup({});
    prober.retry('a');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probes).toHaveLength(1);
    // Attempts 1..9 wait 4 s … 1024 s, capped at 600 s from the 8th on.
    for (let i = 0; i < 12; i++) {
      await answerLast(false);
      await vi.advanceTimersToNextTimerAsync();
    }
    const gaps = probes.slice(1).map((p, i) => p.at - probes[i]!.at);
    expect(gaps).toEqual([4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 600_000, 600_000, 600_000, 600_000]);
  });
});
