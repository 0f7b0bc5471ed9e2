// Bulk jobs as use cases: preview, start, control, roll back, report, and saved groups. The
// ConsoleApi, the HTTP API (/api/v1) and the CLI all go through here.

import type { TargetResolution } from '../../../shared/api/jobs';
import type { JobPage } from '../../../shared/jobs/api-schemas';
import { parseFilter } from '../../../shared/jobs/filter-expression';
import { agentGroupInputSchema, type AgentGroup } from '../../../shared/jobs/groups';
import { describeJobFileIssues, jobFileSchema, type JobFile, type JobTargets } from '../../../shared/jobs/job-file';
import { redactAgentPreview, redactJobFile, redactStep, redactValues } from '../../../shared/jobs/job-secrets';
import type { JobDetail, JobSummary, PathValues } from '../../../shared/jobs/job-model';
import type { JobPreview } from '../../../shared/jobs/preview';
import { retrySelectionSchema } from '../../../shared/jobs/retry-selection';
import type { Store } from '../../store/store';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import { JobInputError, JobNotFoundError, JobStateError } from './job-errors';
import type { JobEngine } from './job-engine';
import { reportCsv, reportRows, type ReportRow } from './job-report';
import { ACTIVE_IMAGE, FIRMWARE_TABLE, SOFTWARE_VERSION } from './firmware-outcome';
import { previewJob } from './preview-job';
import { SUBSCRIPTION_TABLE } from './preview-agent';
import { resolveTargets } from './resolve-targets';

/** Reads fresh values from online agents before a preview (the preview's "refresh" option). */
export type CacheRefresher = (endpointId: string, paths: string[]) => Promise<void>;

export class JobsService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly refresher?: CacheRefresher,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates a job file as it comes from outside (400 with every problem). */
  parse(input: unknown): JobFile {
    const r = jobFileSchema.safeParse(input);
    if (!r.success) throw new JobInputError(`invalid job file: ${describeJobFileIssues(r.error).join('; ')}`);
    return r.data;
  }

  async preview(input: unknown, options: { refresh?: boolean } = {}): Promise<JobPreview> {
    const file = this.parse(input);
    const agents = resolveTargets(this.store, file.targets);
    if (options.refresh && this.refresher) {
      const paths = pathsToRefresh(file);
      await Promise.allSettled(agents.filter((a) => a.presence === 'online').map((a) => this.refresher!(a.endpointId, paths)));
    }
    // Shown with secret parameters' values redacted; start() keeps the real current values.
    const preview = previewJob(this.store, file.operation, agents);
    const secrets = this.engine.secretPaths();
    return { ...preview, agents: preview.agents.map((a) => redactAgentPreview(a, file.operation, secrets.forAgent(a.endpointId))) };
  }

  /** Resolves the targets now and starts the job; the preview's current values are kept for conflict detection. */
  start(input: unknown): JobSummary {
    const file = this.parse(input);
    const agents = resolveTargets(this.store, file.targets);
    if (agents.length === 0) throw new JobInputError('the targets select no agent');
    const preview = previewJob(this.store, file.operation, agents);
    const steps = preview.agents.map((a) => ({
      endpointId: a.endpointId,
      expected: file.operation.kind === 'set' ? Object.fromEntries(a.items.filter((i) => i.current !== null).map((i) => [i.path, i.current!])) : null,
    }));
    return this.engine.create(file, steps);
  }

  /** The newest jobs (the UI's list). */
  list(): JobSummary[] {
    return this.engine.list();
  }

  /** One page of jobs, newest first, and the cursor of the next (older) page. */
  page(query: { limit: number; before?: string }): JobPage {
    const rows = query.before === undefined ? this.store.jobs.list(query.limit + 1) : this.store.jobs.listBefore(decodeJobCursor(query.before), query.limit + 1);
    const jobs = rows.slice(0, query.limit).map((j) => this.store.jobs.summary(j));
    const last = jobs.at(-1);
    return { jobs, next: rows.length > query.limit && last ? encodeJobCursor(last) : null };
  }

  /** One job's state and counts, without its steps. */
  summary(id: string): JobSummary {
    const job = this.store.jobs.get(id);
    if (!job) throw new JobNotFoundError(id);
    return this.store.jobs.summary(job);
  }

  /**
   * A job and its steps as every client sees them (details, reports): the job file's secrets and
   * secret parameters' values in the file and the steps redacted (the engine keeps them).
   */
  get(id: string): JobDetail {
    const job = this.engine.get(id);
    const secrets = this.engine.secretPaths();
    const file = redactJobFile(job.file, secrets.forFile(job.steps.map((s) => s.endpointId)));
    return { ...job, file, steps: job.steps.map((s) => redactStep(s, secrets.forAgent(s.endpointId))) };
  }

  pause(id: string): JobSummary {
    return this.engine.pause(id);
  }

  resume(id: string): JobSummary {
    return this.engine.resume(id);
  }

  cancel(id: string): JobSummary {
    return this.engine.cancel(id);
  }

  /** Queues failed steps again: all, or those matching the selection (validated here: it may come from outside). */
  retry(id: string, selection: unknown = {}): JobSummary {
    const r = retrySelectionSchema.safeParse(selection);
    if (!r.success) throw new JobInputError(`invalid retry selection: ${r.error.issues.map((i) => `${i.path.join('.') || '(selection)'}: ${i.message}`).join('; ')}`);
    return this.engine.retry(id, r.data);
  }

  /**
   * "Roll back the agents it changed": a Set job's old values (read live before each Set) are
   * written back, an Add job's instances are deleted. A new job, with its own id and preview.
   */
  rollback(id: string): JobSummary {
    const { file, steps } = this.rollbackPlan(id);
    return this.engine.create(file, steps, id);
  }

  /** What rollback would do, per agent: current (after) → old (before), secret values redacted. */
  rollbackPreview(id: string): { file: JobFile; agents: { endpointId: string; values: PathValues; current: PathValues | null }[] } {
    const { file, steps } = this.rollbackPlan(id);
    const secrets = this.engine.secretPaths();
    return {
      file: redactJobFile(file, secrets.forFile(steps.map((s) => s.endpointId))),
      agents: steps.map((s) => {
        const isSecret = secrets.forAgent(s.endpointId);
        return { endpointId: s.endpointId, values: redactValues(s.plan, isSecret), current: redactValues(s.expected, isSecret) };
      }),
    };
  }

  report(id: string): { job: JobSummary; rows: ReportRow[] } {
    const job = this.get(id);
    const { file: _file, steps: _steps, ...summary } = job;
    return { job: summary, rows: reportRows(job) };
  }

  reportCsv(id: string): string {
    return reportCsv(this.get(id));
  }

  whenSettled(id: string): Promise<JobSummary> {
    return this.engine.whenSettled(id);
  }

  // ---- groups

  /** The agents a selection names now, or the position of what is wrong in its filter expression. */
  resolve(targets: JobTargets): TargetResolution {
    if ('filter' in targets) {
      const parsed = parseFilter(targets.filter);
      if (!parsed.ok) return { ok: false, error: parsed.error };
    }
    return { ok: true, agents: resolveTargets(this.store, targets).map((a) => a.endpointId) };
  }

  saveGroup(input: unknown): AgentGroup {
    const r = agentGroupInputSchema.safeParse(input);
    if (!r.success) throw new JobInputError(`invalid group: ${r.error.issues.map((i) => `${i.path.join('.') || '(group)'}: ${i.message}`).join('; ')}`);
    return this.store.groups.save(r.data, this.now());
  }

  groups(): (AgentGroup & { count: number })[] {
    return this.store.groups.list().map((g) => ({ ...g, count: resolveTargets(this.store, { group: g.name }).length }));
  }

  deleteGroup(name: string): boolean {
    return this.store.groups.delete(name);
  }

  private rollbackPlan(id: string): { file: JobFile; steps: { endpointId: string; plan: PathValues; expected: PathValues | null }[] } {
    const job = this.engine.get(id);
    if (job.state === 'running' || job.state === 'scheduled' || job.state === 'cancelling') {
      throw new JobStateError(`job ${id} is ${job.state}: ${job.state === 'cancelling' ? 'wait until its steps in flight have finished' : 'pause or cancel it'} before rolling back`);
    }
    const op = job.file.operation;
    const changed = job.steps.filter((s) => s.state === 'succeeded' && s.phase === 'sent');
    const base = { name: `Rollback of ${job.file.name}`.slice(0, 200), options: { ...job.file.options, startAt: undefined, force: false } };
    if (op.kind === 'set') {
      const steps = changed
        .filter((s) => s.before && s.after)
        .map((s) => ({ endpointId: s.endpointId, plan: pick(s.before!, Object.keys(s.after!)), expected: s.after }));
      if (steps.length === 0) throw new JobStateError(`job ${id} changed no agent`);
      return { file: { ...base, targets: { agents: steps.map((s) => s.endpointId) }, operation: op }, steps };
    }
    if (op.kind === 'add' || op.kind === 'subscribe') {
      const steps = changed.filter((s) => s.after).map((s) => ({ endpointId: s.endpointId, plan: s.after!, expected: null }));
      if (steps.length === 0) throw new JobStateError(`job ${id} created no instance`);
      const table = op.kind === 'add' ? op.object : SUBSCRIPTION_TABLE;
      return { file: { ...base, targets: { agents: steps.map((s) => s.endpointId) }, operation: { kind: 'delete', paths: [table] } }, steps };
    }
    throw new JobStateError(`a ${op.kind} job has no rollback${op.kind === 'delete' ? ' (deleted instances cannot be restored)' : ''}`);
  }
}

function pick(values: PathValues, keys: string[]): PathValues {
  return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]!]));
}

function pathsToRefresh(file: JobFile): string[] {
  const op = file.operation;
  switch (op.kind) {
    case 'set':
      return Object.keys(op.params);
    case 'add':
      return [op.object];
    case 'delete':
    case 'get':
      return op.paths;
    case 'subscribe':
    case 'unsubscribe':
      return [SUBSCRIPTION_TABLE];
    case 'operate':
      return [op.command.slice(0, op.command.lastIndexOf('.') + 1)];
    case 'firmware':
      return [SOFTWARE_VERSION, ACTIVE_IMAGE, FIRMWARE_TABLE];
  }
}
