import type { EventEmitter } from 'node:events';

type AnyArgs = unknown[];
type Listener = (...args: AnyArgs) => void;

/**
 * Resolves with the arguments of the next `event` emitted by `emitter` that satisfies
 * `predicate` (default: any); rejects after timeoutMs naming the event. Subscribe BEFORE
 * doing what causes the event: `const got = waitForEvent(t, 'record'); await peer.send(…); await got`.
 */
export function waitForEvent<E extends Record<keyof E, AnyArgs>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
  predicate: (...args: E[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<E[K]> {
  const target = emitter as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.off(event, listener);
      reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener: Listener = (...args) => {
      if (!predicate(...(args as E[K]))) return;
      clearTimeout(timer);
      target.off(event, listener);
      resolve(args as E[K]);
    };
    target.on(event, listener);
  });
}

/** Collects every emission of `event` into an array (for asserting that something did NOT arrive). */
export function collectEvents<E extends Record<keyof E, AnyArgs>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
): { events: E[K][]; stop(): void } {
  const target = emitter as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
  const events: E[K][] = [];
  const listener: Listener = (...args) => events.push(args as E[K]);
  target.on(event, listener);
  return { events, stop: () => target.off(event, listener) };
}

/** Polls `check` every 20 ms until it returns true; rejects with `what` after timeoutMs. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
