import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
let hookInstalled = false;

/**
 * Remembers a broker process so it is killed (with its whole process group when it was
 * spawned detached) if the test process exits without stopping it: a failed test or a
 * crashed worker must not leave brokers behind.
 */
export function guardChild(child: ChildProcess, group: boolean): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (hookInstalled) return;
  hookInstalled = true;
  process.once('exit', () => {
    for (const c of running) killQuietly(c, group, 'SIGKILL');
  });
}

/** Sends a signal to the child (or its process group) and ignores "no such process". */
export function killQuietly(child: ChildProcess, group: boolean, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (group) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone: nothing to clean up.
  }
}

/** Resolves when the child has exited; sends SIGKILL if it is still alive after graceMs. */
export function waitForExit(child: ChildProcess, group: boolean, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killQuietly(child, group, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
