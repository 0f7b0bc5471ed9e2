// Bulk jobs over the ConsoleApi: the wizard, the Jobs view and the job page are clients of these.

import type { AgentGroup } from '../jobs/groups';
import type { JobFile } from '../jobs/job-file';
import type { PathValues } from '../jobs/job-model';
import type { PathError } from '../paths/path-error';

export type { AgentGroup, AgentGroupInput } from '../jobs/groups';
export type { JobFile, JobFileInput, JobOperation, JobOptions, JobTargets } from '../jobs/job-file';
export type { JobDetail, JobProgressEvent, JobState, JobStep, JobSummary, StepCounts, StepState } from '../jobs/job-model';
export type { AgentPreview, JobPreview, PreviewFlag, PreviewItem } from '../jobs/preview';

export type JobControlAction = 'pause' | 'resume' | 'cancel';

/** What a rollback job would write, per agent: `values` back over `current`. */
export interface RollbackPreview {
  file: JobFile;
  agents: { endpointId: string; values: PathValues; current: PathValues | null }[];
}

export interface JobReportRow {
  endpointId: string;
  state: string;
  attempts: number;
  errorCode: string;
  errorMessage: string;
  path: string;
  before: string;
  after: string;
}

/** A saved group with how many agents it selects now. */
export type AgentGroupWithCount = AgentGroup & { count: number };

/** Agents a selection resolves to now (the wizard's count); a bad filter expression is data with its position. */
export type TargetResolution =
  | { ok: true; agents: string[] }
  | { ok: false; error: PathError };
