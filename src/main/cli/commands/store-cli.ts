import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import pkg from '../../../../package.json';
import { defaultDataDir } from '../../store/data-dir';
import { Store } from '../../store/store';
import { CliFailure, CliUsageError } from '../framework/cli-errors';
import type { OptionSpecs } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';

/** The version written into databases and exports. */
export const APP_VERSION: string = pkg.version;

/** `--data DIR` shared by the commands that use the local store. */
export const dataOption = {
  data: { type: 'string', value: 'DIR', help: 'the data folder (default $XDG_DATA_HOME/usp-console, else ~/.local/share/usp-console)' },
} as const satisfies OptionSpecs;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The data folder of `--data DIR` (or the default), created if missing and checked to be a
 * writable folder before any work starts, so a bad path fails at once with exit 2 (issue 9 §11).
 */
export function usableDataDir(dataDir: string | undefined): string {
  if (dataDir !== undefined && dataDir.trim() === '') throw new CliUsageError('--data needs a folder, not an empty string');
  const dir = dataDir ?? defaultDataDir();
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new CliUsageError(`the data folder ${dir} cannot be used: ${reason(error)}`);
  }
  return dir;
}

/** Opens the store of `--data DIR`; a database that cannot be opened (damaged, newer) is exit 1 with the reason. */
export function openStore(dataDir: string | undefined): Store {
  const dir = usableDataDir(dataDir);
  try {
    return Store.open(dir, { appVersion: APP_VERSION });
  } catch (error) {
    throw new CliFailure(reason(error), EXIT.failed);
  }
}

/** Runs `body` with the store of `--data DIR` open and closes it afterwards. */
export async function withStore<T>(dataDir: string | undefined, body: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(dataDir);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}
