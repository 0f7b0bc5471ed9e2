import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Global setup of the integration and e2e projects: they run the built app (out/), so a build
// older than the sources would test yesterday's code. `npm test`, `npm run test:integration` and
// `npm run test:e2e` build first; a direct `vitest --project …` run on a stale build is refused
// here with the reason.
const root = join(import.meta.dirname, '../..');
const SOURCES = ['src', 'proto', 'resources', 'electron.vite.config.ts', 'vite.cli.config.ts', 'package.json'];
const OUTPUTS = ['out/cli/index.js', 'out/renderer/index.html'];

function newest(path: string): { path: string; mtimeMs: number } {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return { path, mtimeMs: 0 };
  if (!info.isDirectory()) return { path, mtimeMs: info.mtimeMs };
  let best = { path, mtimeMs: 0 };
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found.mtimeMs > best.mtimeMs) best = found;
  }
  return best;
}

/** Why the build in out/ cannot be trusted, or null when it is newer than every source. */
export function staleBuildReason(dir = root): string | null {
  const source = SOURCES.map((s) => newest(join(dir, s))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  for (const output of OUTPUTS) {
    const built = statSync(join(dir, output), { throwIfNoEntry: false });
    if (!built) return `${output} is missing: run \`npm run build\` (or \`npm run test:e2e\`, which builds first)`;
    if (built.mtimeMs < source.mtimeMs) {
      return `${output} is older than ${source.path.slice(dir.length + 1)}: run \`npm run build\` (or \`npm run test:e2e\`, which builds first)`;
    }
  }
  return null;
}

export default function setup(): void {
  const reason = staleBuildReason();
  if (reason) throw new Error(`tests refused: stale build. ${reason}`);
}
