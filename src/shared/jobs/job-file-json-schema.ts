import { z } from 'zod';
import { jobFileSchema } from './job-file';

/** The JSON Schema of a job file as written (defaults optional), for docs/job-file.schema.json and OpenAPI. */
export function jobFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(jobFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://usp-console.invalid/schemas/job-file.schema.json',
    title: 'USP Console bulk job file',
  };
}
