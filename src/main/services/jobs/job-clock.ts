/** Time for the job engine; unit tests inject a fake one to drive throttling without waiting. */
export interface JobClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * The longest delay a Node timer holds; a longer one fires after 1 ms. The engine re-checks what
 * is due when woken, so a startAt or offline TTL further away is waited for in several steps.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: JobClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
    t.unref?.();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
