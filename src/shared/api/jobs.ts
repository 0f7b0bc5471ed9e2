// ConsoleApi types of bulk jobs (issue 10): the job file, preview and job model live in
// src/shared/jobs/; these are the shapes only the ConsoleApi adds around them.

import type { PathError } from '../paths/path-error';
import type { AgentGroup } from '../jobs/groups';
import type { JobFile } from '../jobs/job-file';
import type { PathValues } from '../jobs/job-model';

/** Agents a selection resolves to now; a bad filter expression is data with its position, not an error. */
export type TargetResolution =
  | { ok: true; agents: string[] }
  | { ok: false; error: PathError };

/** A saved group with the number of agents it resolves to now. */
export type AgentGroupSummary = AgentGroup & { count: number };

/** What rolling a job back would do, per agent: current (after the job) → value written back. */
export interface RollbackPreview {
  file: JobFile;
  agents: { endpointId: string; values: PathValues; current: PathValues | null }[];
}

export type JobReportFormat = 'csv' | 'json';

/** A job's report as a file to save. */
export interface JobReportExport {
  fileName: string;
  mimeType: string;
  content: string;
}
