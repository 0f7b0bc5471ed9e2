// Local store: persisting a 100,000-parameter snapshot, diffing two of them, and exporting one
// as JSON and CSV with peak memory. Targets (issue 4): persist < 1.5 s, diff < 1 s, export
// memory growth < 50 MB. Printed beside the numbers, never asserted. Exports run in a fresh
// process (bench/store-export-worker.ts) so their memory is not hidden by the data built here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSnapshots } from '../src/main/services/diff/diff';
import { snapshotInput } from '../src/main/services/diff/diff-sources';
import { SnapshotService } from '../src/main/services/snapshots/snapshot-service';
import { Store } from '../src/main/store/store';
import { mutateSnapshot, syntheticSnapshot } from '../test/helpers/synthetic-snapshot';

const PARAMS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'usp-console-bench-'));
const line = (what: string, value: string, target: string): void => console.log(`${what.padEnd(44)} ${value.padStart(12)}   target ${target}`);
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

try {
  const store = Store.open(dir, { appVersion: 'bench' });
  const service = new SnapshotService(store);
  const base = syntheticSnapshot(PARAMS);
  const changed = mutateSnapshot(base, 100);

  let t = process.hrtime.bigint();
  const first = service.persist(base);
  line(`persist ${PARAMS.toLocaleString('en')}-parameter snapshot`, `${ms(t).toFixed(0)} ms`, '< 1500 ms');
  t = process.hrtime.bigint();
  const second = service.persist(changed);
  line('persist a second one', `${ms(t).toFixed(0)} ms`, '< 1500 ms');

  t = process.hrtime.bigint();
  const left = snapshotInput(service, first.id);
  const right = snapshotInput(service, second.id);
  const loadMs = ms(t);
  t = process.hrtime.bigint();
  const diff = diffSnapshots(left, right);
  const diffMs = ms(t);
  line(`diff two ${PARAMS.toLocaleString('en')}-parameter snapshots`, `${diffMs.toFixed(0)} ms`, '< 1000 ms');
  line('  (+ loading both from SQLite)', `${loadMs.toFixed(0)} ms`, '-');
  line('  changed values found', String(diff.values.changed.length), String(PARAMS / 100));
  store.close();

  for (const format of ['json', 'csv']) {
    const worker = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'store-export-worker.ts'), dir, String(first.id), format], {
      encoding: 'utf8',
    });
    if (worker.status !== 0) throw new Error(`export worker failed: ${worker.stderr}`);
    const r = JSON.parse(worker.stdout) as { ms: number; rssGrowthMb: number; heapGrowthMb: number; bytes: number };
    line(`export ${format.toUpperCase()} (${(r.bytes / 1e6).toFixed(1)} MB file)`, `${r.ms.toFixed(0)} ms`, '-');
    line(`  peak RSS growth during ${format.toUpperCase()} export`, `${r.rssGrowthMb.toFixed(1)} MB`, '< 50 MB');
    line(`  peak heap growth during ${format.toUpperCase()} export`, `${r.heapGrowthMb.toFixed(1)} MB`, '-');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
