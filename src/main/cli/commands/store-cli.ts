import pkg from '../../../../package.json';
import { defaultDataDir } from '../../store/data-dir';
import { Store } from '../../store/store';
import { errorText, fail } from './record-io';

/** The version written into databases and exports. */
export const APP_VERSION: string = pkg.version;

/** `--data DIR` shared by the commands that use the local store. */
export const dataOption = { data: { type: 'string' } } as const;

/** Opens the store of `--data DIR` (default: the per-user data folder). */
export function openStore(dataDir: string | undefined): Store {
  return Store.open(dataDir ?? defaultDataDir(), { appVersion: APP_VERSION });
}

/**
 * Runs `body` with the store of `--data DIR` open and closes it afterwards. A store that cannot
 * be opened is reported on stderr as the command's error (exit 1); `body` reports its own errors.
 */
export async function withStore(command: string, dataDir: string | undefined, body: (store: Store) => number | Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = openStore(dataDir);
  } catch (err) {
    return fail(command, errorText(err));
  }
  try {
    return await body(store);
  } finally {
    store.close();
  }
}
