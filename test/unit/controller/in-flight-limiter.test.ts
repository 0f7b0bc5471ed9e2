import { describe, expect, it } from 'vitest';
import { InFlightLimiter } from '../../../src/main/controller/in-flight-limiter';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlightLimiter', () => {
  it('runs at most `limit` tasks per key and starts waiting ones in FIFO order', async () => {
    const limiter = new InFlightLimiter(2);
    const started: number[] = [];
    const gates = [0, 1, 2, 3].map(() => deferred<number>());
    const results = gates.map((gate, i) =>
      limiter.run('agent-a', () => {
        started.push(i);
        return gate.promise;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect(limiter.running('agent-a')).toBe(2);
    expect(limiter.queued('agent-a')).toBe(2);
    gates[1]!.resolve(11);
    await results[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.reject(new Error('boom'));
    await expect(results[0]).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!.resolve(12);
    gates[3]!.resolve(13);
    await expect(Promise.all([results[2], results[3]])).resolves.toEqual([12, 13]);
    expect(limiter.running('agent-a')).toBe(0);
    expect(limiter.queued('agent-a')).toBe(0);
  });

  it('keeps keys independent', async () => {
    const limiter = new InFlightLimiter(1);
    const gate = deferred<string>();
    const a = limiter.run('a', () => gate.promise);
    const b = limiter.run('b', () => Promise.resolve('b'));
    await expect(b).resolves.toBe('b');
    expect(limiter.queued('a')).toBe(0);
    gate.resolve('a');
    await expect(a).resolves.toBe('a');
  });

  it('turns a task that throws synchronously into a rejection and frees its slot', async () => {
    const limiter = new InFlightLimiter(1);
    const failing = limiter.run('a', () => {
      throw new Error('sync');
    });
    await expect(failing).rejects.toThrow('sync');
    await expect(limiter.run('a', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('cancels waiting tasks of one key without touching running ones', async () => {
    const limiter = new InFlightLimiter(1);
    const gate = deferred<string>();
    const running = limiter.run('a', () => gate.promise);
    let ran = false;
    const waiting = limiter.run('a', () => {
      ran = true;
      return Promise.resolve('never');
    });
    limiter.cancelQueued('a', new Error('agent gone'));
    await expect(waiting).rejects.toThrow('agent gone');
    gate.resolve('done');
    await expect(running).resolves.toBe('done');
    expect(ran).toBe(false);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new InFlightLimiter(0)).toThrow(RangeError);
    expect(() => new InFlightLimiter(1.5)).toThrow(RangeError);
  });
});
