// The Jobs view's state, kept up to date by 'jobs' events (never by polling): the list of
// summaries, the open job's steps, failures grouped for "retry these", and the fleet report.

import type { JobDetail, JobProgressEvent, JobStep, JobSummary, StepState } from '../../../shared/jobs/job-model';
import type { RetrySelection } from '../../../shared/jobs/retry-selection';

/** Upserts the summaries carried by the events; newest job first. */
export function applyJobEvents(list: readonly JobSummary[], events: readonly JobProgressEvent[]): JobSummary[] {
  const byId = new Map(list.map((j) => [j.id, j]));
  for (const e of events) byId.set(e.job.id, e.job);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/** Applies the events of the open job: its summary, and each changed step in place. */
export function applyToDetail(detail: JobDetail, events: readonly JobProgressEvent[]): JobDetail {
  const mine = events.filter((e) => e.job.id === detail.id);
  if (mine.length === 0) return detail;
  const steps = new Map(detail.steps.map((s) => [s.endpointId, s]));
  for (const e of mine) for (const s of e.steps) steps.set(s.endpointId, s);
  const { file, ...rest } = { ...detail, ...mine[mine.length - 1]!.job };
  return { ...rest, file, steps: [...steps.values()].sort((a, b) => a.seq - b.seq) };
}

export function finishedCount(job: JobSummary): number {
  const c = job.counts;
  return c.succeeded + c.failed + c.skipped + c.cancelled + c.expired;
}

export interface StepFilter {
  state: StepState | 'all';
  /** Error code, or null for any. */
  errorCode: string | null;
}

export function filterSteps(steps: readonly JobStep[], f: StepFilter): JobStep[] {
  return steps.filter((s) => (f.state === 'all' || s.state === f.state) && (f.errorCode === null || s.errorCode === f.errorCode));
}

export function errorCodes(steps: readonly JobStep[]): string[] {
  return [...new Set(steps.map((s) => s.errorCode).filter((c): c is string => c !== null))].sort();
}

export interface AgentFacts {
  model: string | null;
  softwareVersion: string | null;
}

export interface FailureGroup {
  errorCode: string;
  model: string;
  softwareVersion: string;
  count: number;
  /** One message of the group, as an example. */
  message: string;
  /** What "retry these" asks for: exactly the steps of this group. */
  selection: RetrySelection;
}

/** Failed and expired steps grouped by error code, model and software version, largest group first. */
export function groupFailures(steps: readonly JobStep[], facts: ReadonlyMap<string, AgentFacts>): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const s of steps) {
    if (s.state !== 'failed' && s.state !== 'expired') continue;
    const f = facts.get(s.endpointId);
    const g = { errorCode: s.errorCode ?? s.state, model: f?.model ?? '—', softwareVersion: f?.softwareVersion ?? '—' };
    const key = `${g.errorCode}\n${g.model}\n${g.softwareVersion}`;
    const prev = groups.get(key);
    const endpointIds = [...(prev?.selection.endpointIds ?? []), s.endpointId];
    const selection: RetrySelection = s.errorCode === null ? { endpointIds } : { errorCode: s.errorCode, endpointIds };
    groups.set(key, { ...g, count: endpointIds.length, message: prev?.message ?? s.errorMessage ?? '', selection });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}

export interface FleetReport {
  paths: string[];
  rows: { endpointId: string; state: StepState; values: Record<string, string> }[];
}

/** A `get` job as a table: one row per agent, one column per path read. */
export function fleetReport(job: JobDetail): FleetReport {
  const paths = new Set<string>();
  for (const s of job.steps) for (const p of Object.keys(s.after ?? {})) paths.add(p);
  return {
    paths: [...paths].sort(),
    rows: job.steps.map((s) => ({ endpointId: s.endpointId, state: s.state, values: s.after ?? {} })),
  };
}

/** The pair shown per step: what the step read before → what it left (first path only, with a count). */
export function stepChange(s: JobStep): string {
  const paths = [...new Set([...Object.keys(s.before ?? {}), ...Object.keys(s.after ?? {})])];
  if (paths.length === 0) return '';
  const p = paths[0]!;
  const more = paths.length > 1 ? ` (+${paths.length - 1})` : '';
  return `${s.before?.[p] ?? '∅'} → ${s.after?.[p] ?? '∅'}${more}`;
}
