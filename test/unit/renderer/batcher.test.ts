import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesceByKey, createBatcher, onAnimationFrame, type Schedule } from '../../../src/renderer/lib/batcher';

function manualScheduler(): { schedule: Schedule; run: () => void; scheduled: () => number } {
  let queue: (() => void)[] = [];
  let count = 0;
  return {
    schedule(fn) {
      count++;
      queue.push(fn);
      return () => { queue = queue.filter((f) => f !== fn); };
    },
    run() {
      const q = queue;
      queue = [];
      for (const f of q) f();
    },
    scheduled: () => count,
  };
}

describe('createBatcher', () => {
  it('delivers everything pushed between ticks once, in order, with one scheduled tick', () => {
    const s = manualScheduler();
    const delivered: number[][] = [];
    const b = createBatcher<number>((items) => delivered.push(items), s.schedule);
    b.push([1, 2]);
    b.push([3]);
    b.push([]);
    expect(delivered).toEqual([]);
    expect(b.pendingCount).toBe(3);
    expect(s.scheduled()).toBe(1);
    s.run();
    expect(delivered).toEqual([[1, 2, 3]]);
    b.push([4]);
    s.run();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
    expect(s.scheduled()).toBe(2);
  });

  it('flush delivers now and cancels the pending tick; dispose drops', () => {
    const s = manualScheduler();
    const delivered: string[][] = [];
    const b = createBatcher<string>((items) => delivered.push(items), s.schedule);
    b.push(['a']);
    b.flush();
    s.run();
    expect(delivered).toEqual([['a']]);
    b.push(['b']);
    b.dispose();
    s.run();
    expect(delivered).toEqual([['a']]);
    expect(b.pendingCount).toBe(0);
  });
});

describe('coalesceByKey', () => {
  it('keeps the last item per key, ordered by last occurrence', () => {
    const items = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }];
    expect(coalesceByKey(items, (x) => x.k)).toEqual([{ k: 'b', v: 2 }, { k: 'a', v: 3 }]);
  });
});

describe('onAnimationFrame', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once even without animation frames (hidden window, Node)', () => {
    vi.useFakeTimers();
    let runs = 0;
    onAnimationFrame(() => runs++);
    vi.advanceTimersByTime(15);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
    const cancel = onAnimationFrame(() => runs++);
    cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
  });
});
