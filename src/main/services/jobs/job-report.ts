// A job's outcome as a table: one row per agent and path (the fleet report of a `get` job).

import type { JobReportRow } from '../../../shared/api/jobs';
import type { JobDetail } from '../../../shared/jobs/job-model';
import { csvRow } from '../snapshots/csv';

/** One row of a job's report (the shared JobReportRow: the API and the CLI print the same). */
export type ReportRow = JobReportRow;

export function reportRows(job: JobDetail): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const s of job.steps) {
    const paths = [...new Set([...Object.keys(s.before ?? {}), ...Object.keys(s.after ?? {})])];
    const base = { endpointId: s.endpointId, state: s.state, attempts: s.attempts, errorCode: s.errorCode ?? '', errorMessage: s.errorMessage ?? '' };
    if (paths.length === 0) rows.push({ ...base, path: '', before: '', after: '' });
    for (const path of paths) rows.push({ ...base, path, before: s.before?.[path] ?? '', after: s.after?.[path] ?? '' });
  }
  return rows;
}

const COLUMNS: (keyof ReportRow)[] = ['endpointId', 'state', 'attempts', 'errorCode', 'errorMessage', 'path', 'before', 'after'];

export function reportCsv(job: JobDetail): string {
  return csvRow(COLUMNS) + reportRows(job).map((r) => csvRow(COLUMNS.map((c) => String(r[c])))).join('');
}
