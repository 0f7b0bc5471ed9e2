import type { Migration } from '../migration';

/**
 * Bulk jobs (issue 10): the job row gains its name, pause reason, parent (the job a retry or
 * rollback came from) and run times; `params` now holds the validated job file. Per-agent
 * progress becomes `job_step`, one row per target with its own state machine, attempts, last
 * failure and the values before and after, so a restarted console can resume without
 * re-applying (the `phase` column says a request may have reached the agent).
 * Saved selections live in `agent_group`.
 */
export const migration005: Migration = {
  version: 5,
  name: 'jobs',
  up(db) {
    db.exec(`
      ALTER TABLE job ADD COLUMN name TEXT NOT NULL DEFAULT '';
      ALTER TABLE job ADD COLUMN pause_reason TEXT;
      ALTER TABLE job ADD COLUMN parent_id TEXT;
      ALTER TABLE job ADD COLUMN started_at INTEGER;
      ALTER TABLE job ADD COLUMN finished_at INTEGER;
      UPDATE job SET state = CASE state WHEN 'done' THEN 'succeeded' WHEN 'canceled' THEN 'cancelled' WHEN 'queued' THEN 'scheduled' ELSE state END;
      CREATE INDEX job_created ON job(created_at);

      CREATE TABLE job_step (
        job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
        endpoint_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        phase TEXT NOT NULL DEFAULT 'idle',
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT,
        plan TEXT,
        expected TEXT,
        before TEXT,
        after TEXT,
        next_at INTEGER,
        expires_at INTEGER,
        queued_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (job_id, endpoint_id)
      ) WITHOUT ROWID;
      CREATE INDEX job_step_seq ON job_step(job_id, seq);
      INSERT INTO job_step(job_id, endpoint_id, seq, state, error_message, queued_at)
        SELECT job_id, endpoint_id, 0,
               CASE state WHEN 'done' THEN 'succeeded' WHEN 'canceled' THEN 'cancelled' WHEN 'paused' THEN 'queued' ELSE state END,
               detail, updated_at
        FROM job_agent;
      DROP TABLE job_agent;

      CREATE TABLE agent_group (
        name TEXT PRIMARY KEY,
        agents TEXT,
        filter TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
