import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuildReason } from '../setup/fresh-build';
import { tempDir } from '../helpers/temp-dir';

async function project(): Promise<{ dir: string; touch: (rel: string, at: number) => void }> {
  const dir = await tempDir();
  const touch = (rel: string, at: number) => {
    const file = join(dir, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, rel);
    utimesSync(file, at, at);
  };
  return { dir, touch };
}

describe('the e2e stale-build guard', () => {
  it('passes a build newer than every source', async () => {
    const { dir, touch } = await project();
    touch('src/main/a.ts', 1000);
    touch('out/cli/index.js', 2000);
    touch('out/renderer/index.html', 2000);
    expect(staleBuildReason(dir)).toBeNull();
  });

  it('refuses a build older than a source deep in src, naming it', async () => {
    const { dir, touch } = await project();
    touch('out/cli/index.js', 2000);
    touch('out/renderer/index.html', 2000);
    touch('src/renderer/features/x/View.tsx', 3000);
    expect(staleBuildReason(dir)).toMatch(/out\/cli\/index\.js is older than src\/renderer\/features\/x\/View\.tsx/);
  });

  it('refuses a missing build', async () => {
    const { dir, touch } = await project();
    touch('src/main/a.ts', 1000);
    touch('out/cli/index.js', 2000);
    expect(staleBuildReason(dir)).toMatch(/out\/renderer\/index\.html is missing/);
  });
});
