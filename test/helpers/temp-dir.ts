import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();
let exitHookInstalled = false;

/**
 * Creates a fresh empty directory under the OS temp dir and returns its absolute path.
 * Every directory made here is removed when the test process exits (even if a test
 * forgot to call removeTempDir), so tests never leave files behind.
 */
export function tempDir(prefix = 'usp-console-test-'): Promise<string> {
  const path = mkdtempSync(join(tmpdir(), prefix));
  created.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const dir of created) rmSync(dir, { recursive: true, force: true });
    });
  }
  return Promise.resolve(path);
}

/** Removes a directory made by tempDir (recursively); missing directories are fine. */
export async function removeTempDir(path: string): Promise<void> {
  created.delete(path);
  await rm(path, { recursive: true, force: true });
}
