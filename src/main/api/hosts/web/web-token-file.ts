import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newAccessToken } from './web-auth';

/** The file in the data folder that keeps `serve`'s access token across restarts. */
export const TOKEN_FILE = 'serve-token';

const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;

/**
 * The web host's token, kept in the data folder (owner-only, 0600) so that a restart keeps the
 * browser's cookie valid and an open tab reconnects by itself. `rotate` (serve --new-token), a
 * missing file or one that does not hold a token of our form makes a fresh one.
 */
export function loadServeToken(dataDir: string, rotate = false): { token: string; created: boolean } {
  const file = join(dataDir, TOKEN_FILE);
  if (!rotate && existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (TOKEN_FORM.test(saved)) return { token: saved, created: false };
  }
  const token = newAccessToken();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already existed.
  chmodSync(file, 0o600);
  return { token, created: true };
}
