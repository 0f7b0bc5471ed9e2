import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServeToken, TOKEN_FILE } from '../../../../../src/main/api/hosts/web/web-token-file';
import { tempDir } from '../../../../helpers/temp-dir';

describe('serve token file', () => {
  it('creates a token once (owner-only) and keeps it across starts', async () => {
    const dir = await tempDir();
    const first = loadServeToken(dir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loadServeToken(dir)).toEqual({ token: first.token, created: false });
  });

  it('rotates on request, and replaces a file that holds no token', async () => {
    const dir = await tempDir();
    const first = loadServeToken(dir);
    const rotated = loadServeToken(dir, true);
    expect(rotated.created).toBe(true);
    expect(rotated.token).not.toBe(first.token);
    expect(loadServeToken(dir).token).toBe(rotated.token);
    writeFileSync(join(dir, TOKEN_FILE), 'short\n', { mode: 0o644 });
    const replaced = loadServeToken(dir);
    expect(replaced.created).toBe(true);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });
});
