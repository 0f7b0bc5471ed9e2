#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('usp-console: not built yet; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
await import(entry.href);
