import pkg from '../../../../package.json';
import { defaultDataDir } from '../../store/data-dir';
import { Store } from '../../store/store';

/** The version written into databases and exports. */
export const APP_VERSION: string = pkg.version;

/** `--data DIR` shared by the commands that use the local store. */
export const dataOption = { data: { type: 'string' } } as const;

/** Opens the store of `--data DIR` (default: the per-user data folder). */
export function openStore(dataDir: string | undefined): Store {
  return Store.open(dataDir ?? defaultDataDir(), { appVersion: APP_VERSION });
}
