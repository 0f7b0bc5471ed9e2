// Request and response shapes of the automation API (/api/v1); the OpenAPI document is
// generated from these and from the job file schema, so the two cannot drift apart.

import { z } from 'zod';
import { JOB_STATES, STEP_STATES, type JobSummary } from './job-model';
import { PREVIEW_FLAGS } from './preview';
import { retrySelectionSchema } from './retry-selection';

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const previewQuerySchema = z.object({ refresh: z.enum(['true', 'false']).optional() });
export const retryBodySchema = retrySelectionSchema.default({});
/** Long poll: answer when the job finishes or pauses, at the latest after timeoutMs. */
export const settledQuerySchema = z.object({ timeoutMs: z.coerce.number().int().min(100).max(25_000).default(25_000) });
export const reportQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
/** GET /jobs: one page, newest first; `before` is the `next` cursor of the previous page. */
export const jobListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('jobs per page (1 to 500, default 100)'),
  before: z.string().min(1).max(512).optional().describe('the `next` cursor of the previous page: the jobs created before its last one'),
});

const countsSchema = z.object(Object.fromEntries(STEP_STATES.map((s) => [s, z.number().int()])) as Record<(typeof STEP_STATES)[number], z.ZodNumber>);
const valuesSchema = z.record(z.string(), z.string());

export const jobSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  pauseReason: z.string().nullable(),
  parentId: z.string().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  total: z.number().int(),
  counts: countsSchema,
});

export const jobStepSchema = z.object({
  endpointId: z.string(),
  seq: z.number().int(),
  state: z.enum(STEP_STATES),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  before: valuesSchema.nullable(),
  after: valuesSchema.nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});

export const jobDetailSchema = jobSummarySchema.extend({ steps: z.array(jobStepSchema) });

export const jobPageSchema = z.object({
  jobs: z.array(jobSummarySchema),
  /** The cursor of the next (older) page, or null on the last page. */
  next: z.string().nullable(),
});
export interface JobPage {
  jobs: JobSummary[];
  next: string | null;
}

const flagSchema = z.enum(PREVIEW_FLAGS);
export const jobPreviewSchema = z.object({
  total: z.number().int(),
  counts: z.record(flagSchema, z.number().int()),
  agents: z.array(
    z.object({
      endpointId: z.string(),
      online: z.boolean(),
      skip: z.boolean(),
      flags: z.array(flagSchema),
      items: z.array(z.object({ path: z.string(), current: z.string().nullable(), next: z.string().nullable(), flags: z.array(flagSchema), message: z.string().optional() })),
    }),
  ),
});

export const reportRowSchema = z.object({
  endpointId: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  errorCode: z.string(),
  errorMessage: z.string(),
  path: z.string(),
  before: z.string(),
  after: z.string(),
});

export const agentSchema = z.object({ agentId: z.string(), presence: z.string() }).loose();
