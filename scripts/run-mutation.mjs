// `npm run mutation [-- name...]`: StrykerJS once per guarded module (scripts/mutation-modules.mjs),
// each against only its own unit tests, then one line per module with its mutation score and
// the path of its HTML report. Exits 1 when a module is under the 80 % target.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MUTATION_MODULES } from './mutation-modules.mjs';

const TARGET = 80;
const root = join(import.meta.dirname, '..');
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !MUTATION_MODULES.some((m) => m.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown module(s) ${unknown.join(', ')}; known: ${MUTATION_MODULES.map((m) => m.name).join(', ')}\n`);
  process.exit(2);
}
const modules = wanted.length > 0 ? MUTATION_MODULES.filter((m) => wanted.includes(m.name)) : MUTATION_MODULES;

/** Stryker's mutation score: detected / (detected + undetected); compile errors do not count. */
function score(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) if (mutant.status in count) count[mutant.status] += 1;
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { ...count, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

const rows = [];
for (const m of modules) {
  process.stdout.write(`\n== mutation: ${m.name} (${m.mutate.join(', ')})\n`);
  const json = join(root, 'reports/mutation', `${m.name}.json`);
  rmSync(json, { force: true });
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, USP_MUTATION_MODULE: m.name },
  });
  if (run.status !== 0 || !existsSync(json)) {
    rows.push({ name: m.name, line: `${m.name}: Stryker failed (exit ${run.status})`, ok: false });
    continue;
  }
  const s = score(json);
  const html = join('reports/mutation', `${m.name}.html`);
  rows.push({
    name: m.name,
    ok: s.percent >= TARGET,
    line: `${m.name.padEnd(18)} ${s.percent.toFixed(1).padStart(5)} %  killed ${s.Killed + s.Timeout}/${s.valid}, survived ${s.Survived}, no coverage ${s.NoCoverage}  ${html}`,
  });
}

process.stdout.write(`\n== mutation scores (target ${TARGET} %)\n`);
for (const row of rows) process.stdout.write(`${row.ok ? ' ' : '!'} ${row.line}\n`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
