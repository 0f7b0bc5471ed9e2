import { z } from 'zod';
import { agentGroupInputSchema } from '../../../shared/jobs/groups';
import { jobFileSchema, jobTargetsSchema } from '../../../shared/jobs/job-file';
import { nonEmptyText, optionalArg } from './common';

// The job file schema is the one of docs/jobs.md, shared with the HTTP API and the CLI.
const jobId = nonEmptyText(64);

export const jobSchemas = {
  resolveTargets: z.tuple([jobTargetsSchema]),
  previewJob: z.tuple([jobFileSchema, optionalArg(z.strictObject({ refresh: z.boolean().optional() }))]),
  startJob: z.tuple([jobFileSchema]),
  listJobs: z.tuple([]),
  getJob: z.tuple([jobId]),
  pauseJob: z.tuple([jobId]),
  resumeJob: z.tuple([jobId]),
  cancelJob: z.tuple([jobId]),
  retryJob: z.tuple([jobId, optionalArg(nonEmptyText(64))]),
  previewRollback: z.tuple([jobId]),
  rollbackJob: z.tuple([jobId]),
  exportJobReport: z.tuple([jobId, z.enum(['csv', 'json'])]),
  listGroups: z.tuple([]),
  saveGroup: z.tuple([agentGroupInputSchema]),
  deleteGroup: z.tuple([nonEmptyText(200)]),
};
