import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_DATA_HOME/usp-console`, else `~/.local/share/usp-console` (XDG Base Directory defaults). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share'), 'usp-console');
}

/** The one SQLite file inside a data folder. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'usp-console.db');
}
