import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceInfoReads, type DeviceInfoReadsPorts } from '../../../src/main/services/device-info-reads';

class Timeout extends Error {}

/** Reads that wait until the test settles them; `script` decides each agent's outcomes in order. */
function harness(script: Record<string, ('ok' | 'timeout' | 'refused')[]> = {}) {
  const calls: string[] = [];
  const failures: [string, string][] = [];
  const unwanted = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const waiting: (() => void)[] = [];
  const ports: DeviceInfoReadsPorts = {
    read: (id) => {
      calls.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const outcome = script[id]?.shift() ?? 'ok';
      return new Promise<void>((resolve, reject) =>
        waiting.push(() => {
          inFlight--;
          if (outcome === 'ok') resolve();
          else reject(outcome === 'timeout' ? new Timeout(`no response from ${id}`) : new Error('7026 Invalid path'));
        }),
      );
    },
    wanted: (id) => !unwanted.has(id),
    retryable: (error) => error instanceof Timeout,
    failed: (id, message) => failures.push([id, message]),
  };
  /** Settles every read in flight and lets their continuations run. */
  const answer = async (): Promise<void> => {
    for (const settle of waiting.splice(0)) settle();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { ports, calls, failures, unwanted, answer, maxInFlight: () => maxInFlight };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const BACKOFF = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 4_000 };

describe('DeviceInfo reads on onboarding', () => {
  it('reads a burst of agents a few at a time, each once', async () => {
    const h = harness();
    const reads = new DeviceInfoReads(h.ports, { concurrency: 4 });
    const ids = Array.from({ length: 50 }, (_, i) => `a${i}`);
    for (const id of ids) reads.request(id);
    for (const id of ids.slice(0, 10)) reads.request(id);
    expect(reads.inFlight).toBe(4);
    while (reads.pending > 0) await h.answer();
    expect(h.maxInFlight()).toBe(4);
    expect(h.calls).toEqual(ids);
    expect(h.failures).toEqual([]);
  });

  it('tries a read that timed out again after a back-off, and reports the agent after the last attempt', async () => {
    const h = harness({ once: ['timeout', 'ok'], never: ['timeout', 'timeout', 'timeout'] });
    const reads = new DeviceInfoReads(h.ports, { attempts: 3, backoff: BACKOFF });
    reads.request('once');
    reads.request('never');
    await h.answer();
    expect(h.calls).toEqual(['once', 'never']);
    // Nothing is sent again before the back-off has passed, however often the agent is asked for.
    reads.request('once');
    expect(reads.inFlight).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.calls.slice(2).sort()).toEqual(['never', 'once']);
    await h.answer();
    await vi.advanceTimersByTimeAsync(4_000);
    await h.answer();
    expect(h.calls.slice(4)).toEqual(['never']);
    expect(h.failures).toEqual([['never', 'could not read Device.DeviceInfo. (attempt 3 of 3): no response from never']]);
    expect(reads.pending).toBe(0);
  });

  it('reports a failure that will not go away at once, and drops agents no longer wanted without a report', async () => {
    const h = harness({ bad: ['refused'], gone: ['timeout'] });
    const reads = new DeviceInfoReads(h.ports, { backoff: BACKOFF });
    reads.request('bad');
    reads.request('gone');
    h.unwanted.add('held');
    reads.request('held');
    await h.answer();
    expect(h.failures).toEqual([['bad', 'could not read Device.DeviceInfo. (attempt 1 of 5): 7026 Invalid path']]);
    h.unwanted.add('gone');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.calls).toEqual(['bad', 'gone']);
    expect(reads.pending).toBe(0);
  });

  it('bounds the agents it holds, and stops with its retries', async () => {
    const h = harness({ a: ['timeout', 'ok'] });
    const reads = new DeviceInfoReads(h.ports, { concurrency: 1, maxAgents: 2, backoff: BACKOFF });
    reads.request('a');
    reads.request('b');
    reads.request('c');
    expect(h.failures).toEqual([['c', 'could not read Device.DeviceInfo.: 2 agents already wait for theirs']]);
    await h.answer();
    reads.close();
    await vi.advanceTimersByTimeAsync(10_000);
    await h.answer();
    reads.request('d');
    expect(h.calls).toEqual(['a', 'b']);
    expect(reads.pending).toBe(0);
  });
});
