// Jobs and their per-agent steps as the engine persists them and every client sees them.

import type { JobFile, JobOperationKind } from './job-file';

/**
 * scheduled: waiting for startAt or its first turn; paused: by the operator, a failed canary or the
 * failure threshold; cancelling: cancelled while steps were in flight, which finish (or time out)
 * with their real outcome before the job is cancelled.
 */
export const JOB_STATES = ['scheduled', 'running', 'paused', 'cancelling', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const STEP_STATES = ['queued', 'running', 'waiting-offline', 'succeeded', 'failed', 'skipped', 'cancelled', 'expired'] as const;
export type StepState = (typeof STEP_STATES)[number];

export const FINISHED_STEP_STATES: ReadonlySet<StepState> = new Set(['succeeded', 'failed', 'skipped', 'cancelled', 'expired']);
export const FINISHED_JOB_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Why a step failed: a USP error code as text ('7004'), or one of these. Only 'transport' and
 * 'timeout' are retried automatically.
 */
export const STEP_ERROR_CODES = {
  transport: 'transport',
  timeout: 'timeout',
  conflict: 'conflict',
  placeholder: 'placeholder',
  notFound: 'not-found',
  uniqueKeyExists: 'unique-key-exists',
  unexpected: 'unexpected',
  firmware: 'firmware',
  /** Firmware outcomes (docs/jobs.md "Firmware campaigns"). */
  downloadFailed: 'download-failed',
  activationFailed: 'activation-failed',
  oldImage: 'old-image',
  noBoot: 'no-boot',
  /** An async Operate finished while the console was stopped and its OperationComplete was not seen: not sent again. */
  outcomeUnknown: 'outcome-unknown',
} as const;

export type StepCounts = Record<StepState, number>;

/** Values by full path; a Set step's `before` holds the live values read just before the Set. */
export type PathValues = Record<string, string>;

export interface JobStep {
  jobId: string;
  endpointId: string;
  /** Order of start (canary = the first `canary` steps). */
  seq: number;
  state: StepState;
  /** 'sent' once a change may have reached the agent: a resumed step checks before re-sending. */
  phase: 'idle' | 'sent';
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Concrete values of this step, overriding the operation's templates (rollback jobs). */
  plan: PathValues | null;
  /** The values the preview showed (offline conflict detection). */
  expected: PathValues | null;
  before: PathValues | null;
  after: PathValues | null;
  nextAt: number | null;
  expiresAt: number | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobSummary {
  id: string;
  name: string;
  kind: JobOperationKind;
  state: JobState;
  pauseReason: string | null;
  /** The job this one retries or rolls back. */
  parentId: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  total: number;
  counts: StepCounts;
}

export interface JobDetail extends JobSummary {
  file: JobFile;
  steps: JobStep[];
}

/** Pushed (batched) while jobs run. */
export interface JobProgressEvent {
  job: JobSummary;
  /** Steps that changed since the previous event of this job. */
  steps: JobStep[];
}

export function emptyCounts(): StepCounts {
  return { queued: 0, running: 0, 'waiting-offline': 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, expired: 0 };
}
