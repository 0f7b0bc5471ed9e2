/**
 * Coalesces pushed batches before they reach React state (architecture: push traffic is
 * batched; MQTT Explorer: buffer and merge so one change re-renders one row). Items pushed
 * between two flushes are delivered together, once, on the next scheduled tick.
 */

/** Runs `fn` later (next animation frame, or after an interval); returns a cancel function. */
export type Schedule = (fn: () => void) => () => void;

export interface Batcher<T> {
  push(items: readonly T[]): void;
  /** Delivers what is pending now (e.g. before unmount or when the user un-pauses). */
  flush(): void;
  /** Drops pending items and cancels the scheduled flush. */
  dispose(): void;
  readonly pendingCount: number;
}

export function createBatcher<T>(deliver: (items: T[]) => void, schedule: Schedule): Batcher<T> {
  let pending: T[] = [];
  let cancel: (() => void) | null = null;

  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  };

  return {
    push(items) {
      if (items.length === 0) return;
      for (const item of items) pending.push(item);
      cancel ??= schedule(flush);
    },
    flush,
    dispose() {
      cancel?.();
      cancel = null;
      pending = [];
    },
    get pendingCount() {
      return pending.length;
    },
  };
}

/**
 * Keeps only the last item per key, in the order each key was last seen: a parameter that
 * changed ten times in one tick re-renders once, with its newest value.
 */
export function coalesceByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const last = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    last.delete(key);
    last.set(key, item);
  }
  return [...last.values()];
}

/**
 * Schedules on the next animation frame, or after 250 ms if no frame comes first: hidden
 * windows get no frames, and pushes must not pile up unbounded while nobody looks.
 */
export const onAnimationFrame: Schedule = (fn) => {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  const timer = setTimeout(once, typeof requestAnimationFrame === 'function' ? 250 : 16);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : null;
  return () => {
    done = true;
    clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
  };
};

/** Schedules after `ms` milliseconds (for lists where a 60 Hz refresh is wasted work). */
export function everyMs(ms: number): Schedule {
  return (fn) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  };
}
