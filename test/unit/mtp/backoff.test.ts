import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../../../src/main/mtp/backoff';

/** Fixes Math.random, the only source of spread, so each delay is exact. */
function withRandom(value: number): void {
  vi.spyOn(Math, 'random').mockReturnValue(value);
}

const delays = (backoff: Backoff, n: number): number[] => Array.from({ length: n }, () => backoff.next());

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Backoff', () => {
  it('waits m·k^(n-1) at least on retry n, with the defaults (1 s, ×2, 60 s)', () => {
    withRandom(0);
    expect(delays(new Backoff(), 8)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('waits up to m·k^n on retry n, spread by the random draw', () => {
    withRandom(0.5);
    expect(delays(new Backoff(), 4)).toEqual([1500, 3000, 6000, 12000]);
    withRandom(0.999);
    const [first] = delays(new Backoff(), 1);
    expect(first).toBeGreaterThan(1990);
    expect(first).toBeLessThan(2000);
  });

  it('never waits longer than the cap, whatever the draw', () => {
    withRandom(0.999);
    expect(delays(new Backoff({ initialDelayMs: 100, multiplier: 3, maxDelayMs: 1000 }), 6).slice(2)).toEqual([1000, 1000, 1000, 1000]);
    withRandom(0);
    expect(delays(new Backoff({ initialDelayMs: 100, multiplier: 3, maxDelayMs: 1000 }), 5)).toEqual([100, 300, 900, 1000, 1000]);
  });

  it('starts again from the first delay after reset()', () => {
    withRandom(0);
    const backoff = new Backoff({ initialDelayMs: 10, multiplier: 2, maxDelayMs: 1000 });
    expect(delays(backoff, 3)).toEqual([10, 20, 40]);
    backoff.reset();
    expect(delays(backoff, 2)).toEqual([10, 20]);
  });

  it('clamps nonsense options: negative initial, shrinking multiplier, cap below the initial delay', () => {
    withRandom(0);
    expect(delays(new Backoff({ initialDelayMs: -5 }), 2)).toEqual([0, 0]);
    expect(delays(new Backoff({ initialDelayMs: 50, multiplier: 0.5 }), 3)).toEqual([50, 50, 50]);
    expect(delays(new Backoff({ initialDelayMs: 500, maxDelayMs: 100 }), 2)).toEqual([500, 500]);
  });

  it('stops growing the exponent after 30 failures, so the delay stays finite without a cap', () => {
    withRandom(0);
    const backoff = new Backoff({ initialDelayMs: 1, multiplier: 2, maxDelayMs: Number.POSITIVE_INFINITY });
    const all = delays(backoff, 40);
    expect(all[29]).toBe(2 ** 29);
    expect(all[30]).toBe(2 ** 30);
    expect(all[39]).toBe(2 ** 30);
  });
});
