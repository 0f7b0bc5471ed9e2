import { join } from 'node:path';

/**
 * `usp-console` as users run it: the built CLI (`npm test` and `npm run test:integration` build
 * first; the integration and e2e projects refuse a build older than the sources).
 */
export const CLI_ENTRY = join(import.meta.dirname, '../../out/cli/index.js');
