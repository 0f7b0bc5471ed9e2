// Runs one snapshot export in a fresh process for bench/store.bench.ts and prints its time
// and peak memory growth (RSS and heap sampled every 2 ms) as JSON on stdout.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { exportSnapshotToFile, type ExportFormat } from '../src/main/services/snapshots/export-snapshot';
import { Store } from '../src/main/store/store';

const [dir, id, format] = process.argv.slice(2) as [string, string, ExportFormat];
const store = Store.open(dir, { appVersion: 'bench' });
const out = join(dir, `export.${format}`);
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 2);
const start = process.hrtime.bigint();
await exportSnapshotToFile(store, Number(id), out, format, { redact: true });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
sample();
clearInterval(timer);
store.close();
process.stdout.write(
  JSON.stringify({ ms, rssGrowthMb: (peakRss - base.rss) / 1e6, heapGrowthMb: (peakHeap - base.heapUsed) / 1e6, bytes: statSync(out).size }),
);
