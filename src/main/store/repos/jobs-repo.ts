import type { JobAgentProgress, JobRow, JobState } from '../../../shared/model/settings';
import type { Db } from '../db';
import { parseJson } from './json';

interface JobDbRow {
  id: string;
  kind: string;
  state: string;
  params: string;
  created_at: number;
  updated_at: number;
}

function toJob(r: JobDbRow): JobRow {
  return { id: r.id, kind: r.kind, state: r.state as JobState, params: parseJson(r.params, null), createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Bulk jobs and their per-agent progress (for the bulk-operation feature). */
export class JobsRepo {
  private readonly insert;
  private readonly setState;
  private readonly one;
  private readonly all;
  private readonly putProgress;
  private readonly progressOf;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string, string, number, number]>(
      'INSERT INTO job(id, kind, state, params, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.setState = db.prepare<[string, number, string]>('UPDATE job SET state = ?, updated_at = ? WHERE id = ?');
    this.one = db.prepare<[string], JobDbRow>('SELECT * FROM job WHERE id = ?');
    this.all = db.prepare<[], JobDbRow>('SELECT * FROM job ORDER BY created_at DESC');
    this.putProgress = db.prepare<[string, string, string, string | null, number]>(
      `INSERT INTO job_agent(job_id, endpoint_id, state, detail, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(job_id, endpoint_id) DO UPDATE SET state = excluded.state, detail = excluded.detail, updated_at = excluded.updated_at`,
    );
    this.progressOf = db.prepare<[string], { job_id: string; endpoint_id: string; state: string; detail: string | null; updated_at: number }>(
      'SELECT * FROM job_agent WHERE job_id = ? ORDER BY endpoint_id',
    );
  }

  create(job: { id: string; kind: string; params: unknown }, at: number): JobRow {
    this.insert.run(job.id, job.kind, 'queued', JSON.stringify(job.params ?? null), at, at);
    return this.get(job.id)!;
  }

  get(id: string): JobRow | undefined {
    const r = this.one.get(id);
    return r ? toJob(r) : undefined;
  }

  list(): JobRow[] {
    return this.all.all().map(toJob);
  }

  updateState(id: string, state: JobState, at: number): void {
    this.setState.run(state, at, id);
  }

  setAgentProgress(p: JobAgentProgress): void {
    this.putProgress.run(p.jobId, p.endpointId, p.state, p.detail, p.updatedAt);
  }

  agentProgress(jobId: string): JobAgentProgress[] {
    return this.progressOf.all(jobId).map((r) => ({
      jobId: r.job_id,
      endpointId: r.endpoint_id,
      state: r.state as JobState,
      detail: r.detail,
      updatedAt: r.updated_at,
    }));
  }
}
