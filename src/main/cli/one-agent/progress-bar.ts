import type { SnapshotProgress } from '../../../shared/model/snapshot';

const WIDTH = 30;
const PHASES: Record<string, string> = { supportedDM: 'data model', instances: 'instances', values: 'values', persist: 'saving' };

export interface ProgressLine {
  draw(text: string): void;
  /** Ends the line (when one was drawn). */
  done(): void;
}

/**
 * One status line redrawn in place on a terminal (`\r`); on anything else (a pipe, a log file)
 * it stays silent, so scripts reading stderr see only real messages.
 */
export function progressLine(stream: NodeJS.WriteStream): ProgressLine {
  if (!stream.isTTY) return { draw: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    draw(text) {
      stream.write(`\r${text}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** `[#####.....]` for a fraction between 0 and 1. */
export function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
}

/** A snapshot capture's progress: phase, bar, percentage and counts. */
export function progressBar(stream: NodeJS.WriteStream): { update(p: SnapshotProgress): void; done(): void } {
  const line = progressLine(stream);
  return {
    update(p) {
      const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const label = (PHASES[p.phase] ?? p.phase).padEnd(10);
      line.draw(`${label} ${bar(fraction)} ${String(Math.round(fraction * 100)).padStart(3)}% ${p.done}/${p.total}`);
    },
    done: () => line.done(),
  };
}
