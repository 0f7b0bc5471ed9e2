import { z } from 'zod';
import { agentGroupInputSchema } from '../../../shared/jobs/groups';
import { jobFileSchema, jobTargetsSchema } from '../../../shared/jobs/job-file';
import { retrySelectionSchema } from '../../../shared/jobs/retry-selection';
import { nonEmptyText, optionalArg } from './common';

const jobId = nonEmptyText(128);

// Job files are validated (with positioned filter errors) by the jobs service, which also
// serves the HTTP API; here only their outer shape is checked so both give the same messages.
const jobFile = z.looseObject({}) as unknown as z.ZodType<z.input<typeof jobFileSchema>>;

export const jobSchemas = {
  resolveTargets: z.tuple([jobTargetsSchema]),
  previewJob: z.tuple([jobFile, optionalArg(z.strictObject({ refresh: z.boolean().optional() }))]),
  startJob: z.tuple([jobFile]),
  listJobs: z.tuple([]),
  getJob: z.tuple([jobId]),
  controlJob: z.tuple([jobId, z.enum(['pause', 'resume', 'cancel'])]),
  retryJob: z.tuple([jobId, optionalArg(retrySelectionSchema)]),
  previewRollback: z.tuple([jobId]),
  rollbackJob: z.tuple([jobId]),
  getJobReport: z.tuple([jobId]),
  exportJobReport: z.tuple([jobId, z.enum(['csv', 'json'])]),
  listGroups: z.tuple([]),
  saveGroup: z.tuple([agentGroupInputSchema]),
  deleteGroup: z.tuple([nonEmptyText(200)]),
};
