// `npm run bench`: runs every bench/*.bench.ts in turn with tsx. Each benchmark prints its own
// numbers; speed targets are read from that output, never asserted (no pass/fail on time).
// `npm run bench -- codec` runs only the files whose name contains "codec".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const benchDir = join(root, 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

if (files.length === 0) {
  console.error(`no bench/*.bench.ts files${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(1);
}

const tsx = join(root, 'node_modules/.bin/tsx');
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(tsx, [join(benchDir, file)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
