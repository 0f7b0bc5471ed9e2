import type { JobFile } from '../../../shared/jobs/job-file';
import { emptyCounts, type JobState, type JobStep, type JobSummary, type PathValues, type StepCounts, type StepState } from '../../../shared/jobs/job-model';
import type { Db } from '../db';
import { parseJson } from './json';

interface JobDbRow {
  id: string;
  name: string;
  kind: string;
  state: string;
  params: string;
  pause_reason: string | null;
  parent_id: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface StepDbRow {
  job_id: string;
  endpoint_id: string;
  seq: number;
  state: string;
  phase: string;
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  plan: string | null;
  expected: string | null;
  before: string | null;
  after: string | null;
  next_at: number | null;
  expires_at: number | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface NewJob {
  id: string;
  file: JobFile;
  state: JobState;
  parentId: string | null;
  steps: { endpointId: string; plan?: PathValues | null; expected: PathValues | null }[];
}

export interface StoredJob extends Omit<JobSummary, 'total' | 'counts'> {
  /** null for a row written before schema version 3 (no job file; never run again). */
  file: JobFile | null;
}

const json = (v: PathValues | null): string | null => (v === null ? null : JSON.stringify(v));

function toStep(r: StepDbRow): JobStep {
  return {
    jobId: r.job_id,
    endpointId: r.endpoint_id,
    seq: r.seq,
    state: r.state as StepState,
    phase: r.phase === 'sent' ? 'sent' : 'idle',
    attempts: r.attempts,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    plan: parseJson<PathValues | null>(r.plan, null),
    expected: parseJson<PathValues | null>(r.expected, null),
    before: parseJson<PathValues | null>(r.before, null),
    after: parseJson<PathValues | null>(r.after, null),
    nextAt: r.next_at,
    expiresAt: r.expires_at,
    queuedAt: r.queued_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

function toJob(r: JobDbRow): StoredJob {
  const parsed = parseJson<Partial<JobFile> | null>(r.params, null);
  const file = typeof parsed?.operation?.kind === 'string' ? (parsed as JobFile) : null;
  return {
    id: r.id,
    name: r.name,
    kind: (file?.operation.kind ?? r.kind) as StoredJob['kind'],
    state: r.state as JobState,
    pauseReason: r.pause_reason,
    parentId: r.parent_id,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    file,
  };
}

/** Bulk jobs and their per-agent steps (issue 10). Every state change of a step is one row write. */
export class JobsRepo {
  private readonly insertJob;
  private readonly insertStep;
  private readonly updateJob;
  private readonly updateStep;
  private readonly one;
  private readonly all;
  private readonly older;
  private readonly ofState;
  private readonly stepsOf;
  private readonly stepOf;
  private readonly countsOf;

  constructor(private readonly db: Db) {
    this.insertJob = db.prepare<[string, string, string, string, string, string | null, number, number]>(
      'INSERT INTO job(id, name, kind, state, params, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertStep = db.prepare<[string, string, number, string | null, string | null, number]>(
      "INSERT INTO job_step(job_id, endpoint_id, seq, state, plan, expected, queued_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)",
    );
    this.updateJob = db.prepare<[string, string | null, number | null, number | null, number, string]>(
      'UPDATE job SET state = ?, pause_reason = ?, started_at = ?, finished_at = ?, updated_at = ? WHERE id = ?',
    );
    this.updateStep = db.prepare<
      [string, string, number, string | null, string | null, string | null, string | null, number | null, number | null, number | null, number | null, string, string]
    >(
      `UPDATE job_step SET state = ?, phase = ?, attempts = ?, error_code = ?, error_message = ?, before = ?, after = ?,
         next_at = ?, expires_at = ?, started_at = ?, finished_at = ? WHERE job_id = ? AND endpoint_id = ?`,
    );
    this.one = db.prepare<[string], JobDbRow>('SELECT * FROM job WHERE id = ?');
    this.all = db.prepare<[number], JobDbRow>('SELECT * FROM job ORDER BY created_at DESC, id DESC LIMIT ?');
    this.older = db.prepare<[number, number, string, number], JobDbRow>(
      'SELECT * FROM job WHERE created_at < ? OR (created_at = ? AND id < ?) ORDER BY created_at DESC, id DESC LIMIT ?',
    );
    this.ofState = db.prepare<[string, string, string, string], JobDbRow>('SELECT * FROM job WHERE state IN (?, ?, ?, ?) ORDER BY created_at');
    this.stepsOf = db.prepare<[string], StepDbRow>('SELECT * FROM job_step WHERE job_id = ? ORDER BY seq');
    this.stepOf = db.prepare<[string, string], StepDbRow>('SELECT * FROM job_step WHERE job_id = ? AND endpoint_id = ?');
    this.countsOf = db.prepare<[string], { state: string; n: number }>('SELECT state, count(*) AS n FROM job_step WHERE job_id = ? GROUP BY state');
  }

  /** The job and all its steps in one transaction. */
  create(job: NewJob, at: number): StoredJob {
    this.db.transaction(() => {
      this.insertJob.run(job.id, job.file.name, job.file.operation.kind, job.state, JSON.stringify(job.file), job.parentId, at, at);
      job.steps.forEach((s, seq) => this.insertStep.run(job.id, s.endpointId, seq, json(s.plan ?? null), json(s.expected), at));
    })();
    return this.get(job.id)!;
  }

  get(id: string): StoredJob | undefined {
    const r = this.one.get(id);
    return r ? toJob(r) : undefined;
  }

  /** Newest first (by creation time, then id). */
  list(limit = 500): StoredJob[] {
    return this.all.all(limit).map(toJob);
  }

  /** Newest first, the jobs that come after `after` in that order (paging). */
  listBefore(after: { createdAt: number; id: string }, limit: number): StoredJob[] {
    return this.older.all(after.createdAt, after.createdAt, after.id, limit).map(toJob);
  }

  /** Jobs a (re)started engine must pick up again. */
  unfinished(): StoredJob[] {
    return this.ofState.all('scheduled', 'running', 'paused', 'cancelling').map(toJob);
  }

  saveJob(job: Pick<StoredJob, 'id' | 'state' | 'pauseReason' | 'startedAt' | 'finishedAt'>, at: number): void {
    this.updateJob.run(job.state, job.pauseReason, job.startedAt, job.finishedAt, at, job.id);
  }

  steps(jobId: string): JobStep[] {
    return this.stepsOf.all(jobId).map(toStep);
  }

  step(jobId: string, endpointId: string): JobStep | undefined {
    const r = this.stepOf.get(jobId, endpointId);
    return r ? toStep(r) : undefined;
  }

  saveStep(s: JobStep): void {
    this.updateStep.run(
      s.state,
      s.phase,
      s.attempts,
      s.errorCode,
      s.errorMessage,
      json(s.before),
      json(s.after),
      s.nextAt,
      s.expiresAt,
      s.startedAt,
      s.finishedAt,
      s.jobId,
      s.endpointId,
    );
  }

  counts(jobId: string): StepCounts {
    const counts = emptyCounts();
    for (const r of this.countsOf.all(jobId)) counts[r.state as StepState] = r.n;
    return counts;
  }

  summary(job: StoredJob): JobSummary {
    const counts = this.counts(job.id);
    const { file: _file, ...rest } = job;
    return { ...rest, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  }
}
