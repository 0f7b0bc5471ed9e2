import { describe, expect, it } from 'vitest';
import { canaryVerdict, countStates, finalState, nextRateSlot, retryDelayMs, startable, tally, thresholdTripped } from '../../../../src/main/services/jobs/job-gates';
import type { JobStep, StepState } from '../../../../src/shared/jobs/job-model';

// The scheduler's decisions of the bulk job engine (issue 10), one state at a time.

function step(seq: number, state: StepState, nextAt: number | null = null): JobStep {
  return {
    jobId: 'job-1',
    endpointId: `a${seq}`,
    seq,
    state,
    phase: 'idle',
    attempts: 0,
    errorCode: null,
    errorMessage: null,
    plan: null,
    expected: null,
    before: null,
    after: null,
    nextAt,
    expiresAt: null,
    queuedAt: 0,
    startedAt: null,
    finishedAt: null,
  };
}

const steps = (...states: StepState[]) => states.map((s, i) => step(i, s));
const seqs = (r: { due: JobStep[] }) => r.due.map((s) => s.seq);
const counts = (...states: StepState[]) => countStates(steps(...states));

describe('canaryVerdict', () => {
  it('is pending while any canary step is queued, running or waiting for its agent', () => {
    for (const open of ['queued', 'running', 'waiting-offline'] as const) {
      expect(canaryVerdict(steps('succeeded', open, 'failed'), 2), open).toBe('pending');
    }
  });

  it('passes when every canary step succeeded or was skipped, whatever the later steps did', () => {
    expect(canaryVerdict(steps('succeeded', 'skipped', 'failed', 'queued'), 2)).toBe('passed');
  });

  it('fails when a canary step failed, expired or was cancelled', () => {
    for (const bad of ['failed', 'expired', 'cancelled'] as const) {
      expect(canaryVerdict(steps('succeeded', bad, 'succeeded'), 2), bad).toBe('failed');
    }
  });

  it('looks at the first `canary` steps only, and at all of them when there are fewer', () => {
    expect(canaryVerdict(steps('succeeded', 'failed'), 1)).toBe('passed');
    expect(canaryVerdict(steps('succeeded', 'succeeded'), 5)).toBe('passed');
    expect(canaryVerdict(steps('succeeded', 'failed'), 5)).toBe('failed');
    expect(canaryVerdict(steps('queued', 'queued'), 0)).toBe('passed');
  });
});

describe('tally and thresholdTripped', () => {
  it('counts failed and expired as failures, and every finished state but cancelled as finished', () => {
    expect(tally(counts('failed', 'expired', 'succeeded', 'skipped', 'cancelled', 'queued', 'running', 'waiting-offline'))).toEqual({ finished: 4, failed: 2 });
    expect(tally(counts('failed', 'failed', 'skipped'))).toEqual({ finished: 3, failed: 2 });
    expect(tally(counts())).toEqual({ finished: 0, failed: 0 });
  });

  it('trips only above the threshold, counting from the base', () => {
    // 1 of 5 = 20 %: at the threshold, not above it.
    expect(thresholdTripped({ finished: 5, failed: 1 }, { finished: 0, failed: 0 }, 20)).toBe(false);
    expect(thresholdTripped({ finished: 5, failed: 2 }, { finished: 0, failed: 0 }, 20)).toBe(true);
    // Since the base (operator resumed after 10 of 10 failed): 1 of 4 = 25 %.
    expect(thresholdTripped({ finished: 14, failed: 11 }, { finished: 10, failed: 10 }, 20)).toBe(true);
    expect(thresholdTripped({ finished: 14, failed: 11 }, { finished: 10, failed: 10 }, 25)).toBe(false);
    expect(thresholdTripped({ finished: 15, failed: 11 }, { finished: 10, failed: 10 }, 20)).toBe(false);
  });

  it('does not trip before anything finished since the base', () => {
    expect(thresholdTripped({ finished: 10, failed: 10 }, { finished: 10, failed: 10 }, 0)).toBe(false);
    expect(thresholdTripped({ finished: 1, failed: 0 }, { finished: 0, failed: 0 }, 0)).toBe(false);
    expect(thresholdTripped({ finished: 1, failed: 1 }, { finished: 0, failed: 0 }, 0)).toBe(true);
  });
});

describe('startable', () => {
  it('offers only the canary steps while the canary is not open, then every queued step in seq order', () => {
    const list = steps('queued', 'queued', 'queued', 'queued');
    expect(seqs(startable(list, false, 2, 0))).toEqual([0, 1]);
    expect(seqs(startable(list, true, 2, 0))).toEqual([0, 1, 2, 3]);
    expect(seqs(startable(list, false, 9, 0))).toEqual([0, 1, 2, 3]);
  });

  it('skips steps that are not queued', () => {
    expect(seqs(startable(steps('running', 'queued', 'waiting-offline', 'succeeded', 'queued'), true, 1, 0))).toEqual([1, 4]);
  });

  it('holds a step queued for a retry until its nextAt, and says when the first of those is due', () => {
    const list = [step(0, 'queued', 1000), step(1, 'queued', null), step(2, 'queued', 900), step(3, 'running', 100)];
    expect(startable(list, true, 0, 899)).toEqual({ due: [list[1]], wakeAt: 900 });
    expect(startable(list, true, 0, 999)).toEqual({ due: [list[1], list[2]], wakeAt: 1000 });
    expect(startable(list, true, 0, 1000)).toEqual({ due: [list[0], list[1], list[2]], wakeAt: Infinity });
    expect(startable(list, false, 1, 999)).toEqual({ due: [], wakeAt: 1000 });
  });

  it('looks from `from` on and stops at `max` steps', () => {
    const list = steps('queued', 'queued', 'running', 'queued', 'queued');
    expect(seqs(startable(list, true, 0, 0, 1))).toEqual([1, 3, 4]);
    expect(seqs(startable(list, true, 0, 0, 0, 2))).toEqual([0, 1]);
    expect(seqs(startable(list, true, 0, 0, 1, 1))).toEqual([1]);
    expect(seqs(startable(list, true, 0, 0, 0, 0))).toEqual([]);
    expect(seqs(startable(list, false, 4, 0, 2))).toEqual([3]);
  });
});

describe('finalState', () => {
  it('is null while any step is queued, running or waiting for its agent', () => {
    for (const open of ['queued', 'running', 'waiting-offline'] as const) expect(finalState(counts('succeeded', open)), open).toBeNull();
  });

  it('is failed when a step failed or expired, else succeeded', () => {
    expect(finalState(counts('succeeded', 'failed'))).toBe('failed');
    expect(finalState(counts('expired', 'succeeded'))).toBe('failed');
    expect(finalState(counts('succeeded', 'skipped', 'cancelled'))).toBe('succeeded');
    expect(finalState(counts())).toBe('succeeded');
  });
});

describe('retryDelayMs and nextRateSlot', () => {
  it('doubles from 1 s per attempt up to 60 s', () => {
    expect([0, 1, 2, 3, 6, 7, 8, 40].map(retryDelayMs)).toEqual([1000, 1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('spaces starts by 1 / ratePerSecond, with no limit without a rate or before the first start', () => {
    expect(nextRateSlot(5000, { ratePerSecond: 4 })).toBe(5250);
    expect(nextRateSlot(5000, { ratePerSecond: 0.5 })).toBe(7000);
    expect(nextRateSlot(null, { ratePerSecond: 4 })).toBe(0);
    expect(nextRateSlot(5000, {})).toBe(0);
  });
});
