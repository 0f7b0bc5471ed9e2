/**
 * At most `limit` tasks running per key (one key per agent), the rest waiting in FIFO order.
 * One limiter serves every agent; a key's state exists only while it has work, so thousands of
 * idle agents cost nothing.
 */
interface KeyState {
  running: number;
  queue: Array<{ start: () => void; cancel: (error: Error) => void }>;
}

export class InFlightLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`in-flight limit must be a positive integer, got ${limit}`);
  }

  /** Runs `task` once fewer than `limit` tasks of `key` are running; resolves or rejects with it. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const state = this.stateOf(key);
      const start = (): void => {
        state.running++;
        let settled: Promise<T>;
        try {
          settled = task();
        } catch (error) {
          settled = Promise.reject(error);
        }
        // Free the slot before the caller's continuation runs, so the next task is already on its way.
        settled.then(
          (value) => {
            this.finish(key, state);
            resolve(value);
          },
          (error: unknown) => {
            this.finish(key, state);
            reject(error);
          },
        );
      };
      if (state.running < this.limit) start();
      else state.queue.push({ start, cancel: reject });
    });
  }

  /** Tasks of `key` running now. */
  running(key: string): number {
    return this.keys.get(key)?.running ?? 0;
  }

  /** Tasks of `key` waiting for a slot. */
  queued(key: string): number {
    return this.keys.get(key)?.queue.length ?? 0;
  }

  /** Rejects every waiting task of `key` (running ones finish on their own). */
  cancelQueued(key: string, error: Error): void {
    const state = this.keys.get(key);
    if (!state) return;
    const waiting = state.queue.splice(0);
    for (const entry of waiting) entry.cancel(error);
    this.forgetIfIdle(key, state);
  }

  /** Rejects every waiting task of every key. */
  cancelAll(error: (key: string) => Error): void {
    for (const key of [...this.keys.keys()]) this.cancelQueued(key, error(key));
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { running: 0, queue: [] };
      this.keys.set(key, state);
    }
    return state;
  }

  private finish(key: string, state: KeyState): void {
    state.running--;
    const next = state.queue.shift();
    if (next) next.start();
    else this.forgetIfIdle(key, state);
  }

  private forgetIfIdle(key: string, state: KeyState): void {
    if (state.running === 0 && state.queue.length === 0 && this.keys.get(key) === state) this.keys.delete(key);
  }
}
