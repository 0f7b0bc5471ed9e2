// Writes resources/schemas/job-file.schema.json from the zod schema that validates job files
// (`npx tsx scripts/gen-job-schema.ts`); test/unit/shared/jobs/job-file.test.ts checks they agree.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobFileJsonSchema } from '../src/shared/jobs/job-file-json-schema';

const file = join(import.meta.dirname, '..', 'resources', 'schemas', 'job-file.schema.json');
writeFileSync(file, JSON.stringify(jobFileJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${file}\n`);
