import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/db';
import { Store } from '../../../src/main/store/store';
import { guardChild, killQuietly, waitForExit } from '../../helpers/child-process-guard';
import { tempDir } from '../../helpers/temp-dir';

const root = join(import.meta.dirname, '../../..');
const children: ChildProcess[] = [];

/** Runs a child script with `npx tsx` in its own process group and calls `onLine` per stdout line. */
function runChild(script: string, args: string[], onLine: (line: string, child: ChildProcess) => void): ChildProcess {
  const child = spawn('npx', ['tsx', join(import.meta.dirname, 'children', script), ...args], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  guardChild(child, true);
  children.push(child);
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) onLine(line, child);
  });
  return child;
}

/** SIGKILL to the whole group (npx → tsx → node), as a crash or `kill -9` would do. */
async function killHard(child: ChildProcess): Promise<void> {
  killQuietly(child, true, 'SIGKILL');
  await waitForExit(child, true, 5000);
}

/** Resolves once the child has exited and every line it wrote has been delivered. */
function stdioClosed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('close', () => resolve()));
}

afterEach(async () => {
  for (const c of children.splice(0)) await killHard(c);
});

describe('durability under SIGKILL', () => {
  it('a snapshot killed while being persisted is absent after restart; finished ones are whole', async () => {
    const dir = await tempDir();
    const completed: number[] = [];
    let killed = false;
    const child = runChild('persist-snapshots.ts', [dir, '100000'], (line, running) => {
      if (line.startsWith('complete ')) completed.push(Number(line.slice(9)));
      const m = /^progress (\d+) (\d+)$/.exec(line);
      // Kill in the middle of the second snapshot's value chunks.
      if (!killed && m && completed.length === 1 && Number(m[1]) > 20_000 && Number(m[1]) < Number(m[2])) {
        killed = true;
        void killHard(running);
      }
    });
    // 'close' comes after the last line the child wrote has been read ('exit' may come before).
    await stdioClosed(child);
    expect(killed).toBe(true);
    const { db } = openDatabase(join(dir, 'usp-console.db'), { appVersion: 'after' });
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const partial = db.prepare('SELECT count(*) AS n FROM snapshot WHERE complete = 0').get() as { n: number };
    expect(partial.n).toBe(1);
    db.close();

    const store = Store.open(dir, { appVersion: 'after' });
    const list = store.snapshots.list();
    expect(list.map((s) => s.id)).toEqual(completed);
    for (const s of list) {
      const rows = store.db.prepare('SELECT count(*) AS n FROM snapshot_value WHERE snapshot_id = ?').get(s.id) as { n: number };
      expect(s.paramCount).toBe(100_000);
      expect(rows.n).toBe(100_000);
    }
    // The partial rows are invisible; a later open (once no writer can still be alive) purges them.
    expect(store.snapshots.purgeIncomplete(Date.now() + 1)).toBe(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM snapshot_value WHERE snapshot_id NOT IN (SELECT id FROM snapshot)').get()).toEqual({ n: 0 });
    store.close();
  });

  it('a burst of notifications killed mid-way keeps every committed row and an intact database', async () => {
    const dir = await tempDir();
    let committed = 0;
    let killed = false;
    const child = runChild('notification-burst.ts', [dir], (line, running) => {
      const m = /^committed (\d+)$/.exec(line);
      if (!m) return;
      committed = Number(m[1]);
      if (!killed && committed > 20_000) {
        killed = true;
        void killHard(running);
      }
    });
    await stdioClosed(child);
    expect(killed).toBe(true);
    const store = Store.open(dir, { appVersion: 'after' });
    expect(store.db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const { n, maxId } = store.db.prepare('SELECT count(*) AS n, max(id) AS maxId FROM notification').get() as { n: number; maxId: number };
    expect(n).toBeGreaterThanOrEqual(committed);
    expect(maxId).toBe(n);
    // Batches are all-or-nothing: the count is 201 per loop (1 single + 200 batched), up to a trailing single insert.
    expect([0, 1]).toContain(n % 201);
    const newest = store.notifications.query({ limit: 1 })[0]!;
    expect(newest.detail).toMatchObject({ padding: 'x'.repeat(200) });
    store.close();
  });
});
