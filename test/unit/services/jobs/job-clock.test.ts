import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, systemClock } from '../../../../src/main/services/jobs/job-clock';

afterEach(() => {
  vi.useRealTimers();
});

describe('system clock', () => {
  it('waits at most the longest delay a timer can hold instead of firing at once (a startAt or offline TTL weeks away)', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    systemClock.setTimer(fn, 30 * 86_400_000);
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_MS - 1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('fires a short timer after its delay, and not once cleared', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const cleared = vi.fn();
    systemClock.setTimer(fired, 500);
    systemClock.clearTimer(systemClock.setTimer(cleared, 500));
    vi.advanceTimersByTime(499);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(cleared).not.toHaveBeenCalled();
  });
});
