// `npm test`: typecheck, lint, build, then every vitest suite (unit, integration, e2e).
// Ends with one plain "N passed, N failed" line counting the checks and the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npx = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit' }).status === 0;
const extra = process.argv.slice(2);

let passed = 0;
let failed = 0;
for (const [name, args] of [
  // Node side without DOM types, web side (renderer) without Node types, tests with both.
  ['typecheck (node)', ['tsc', '-p', 'tsconfig.node.json']],
  ['typecheck (web)', ['tsc', '-p', 'tsconfig.web.json']],
  ['typecheck (tests)', ['tsc', '-p', 'tsconfig.test.json']],
  ['lint', ['eslint', '--max-warnings', '0', '.']],
  ['build', ['npm', 'run', 'build', '--silent']],
]) {
  process.stdout.write(`\n== ${name}\n`);
  if (npx(args)) passed += 1;
  else {
    failed += 1;
    process.stdout.write(`${name} failed\n`);
  }
}

const report = join(root, 'test-results/vitest.json');
mkdirSync(join(root, 'test-results'), { recursive: true });
rmSync(report, { force: true });
process.stdout.write('\n== vitest\n');
npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  // A file that failed without a failed test (an import or a hook broke) counts once more.
  const brokenFiles = result.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  failed += result.numFailedTests + brokenFiles;
} else {
  failed += 1;
  process.stdout.write('vitest wrote no report\n');
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
