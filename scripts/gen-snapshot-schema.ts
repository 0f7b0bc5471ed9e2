// Writes resources/schemas/snapshot-v1.schema.json from the zod schema that import uses
// (`npx tsx scripts/gen-snapshot-schema.ts`); test/unit/store/export-import.test.ts checks they agree.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotJsonSchema } from '../src/main/services/snapshots/snapshot-file-schema';

const file = join(import.meta.dirname, '..', 'resources', 'schemas', 'snapshot-v1.schema.json');
writeFileSync(file, JSON.stringify(snapshotJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${file}\n`);
