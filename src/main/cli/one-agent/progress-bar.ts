import type { SnapshotProgress } from '../../../shared/model/snapshot';

const WIDTH = 30;
const PHASES: Record<string, string> = { supportedDM: 'data model', instances: 'instances', values: 'values', persist: 'saving' };

/**
 * A one-line progress bar redrawn in place on a terminal (`\r`); on anything else (a pipe, a log
 * file) it stays silent, so scripts reading stderr see only real messages. `done()` ends the line.
 */
export function progressBar(stream: NodeJS.WriteStream): { update(p: SnapshotProgress): void; done(): void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    update(p) {
      const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const filled = Math.round(fraction * WIDTH);
      const label = (PHASES[p.phase] ?? p.phase).padEnd(10);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${p.done}/${p.total}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
