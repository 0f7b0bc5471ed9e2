// Decisions of the scheduler as pure functions of a job's steps: which may start now, whether
// the canary passed, whether the failure threshold tripped, and how the job ends.

import type { JobOptions } from '../../../shared/jobs/job-file';
import { FINISHED_STEP_STATES, type JobStep } from '../../../shared/jobs/job-model';

export type CanaryVerdict = 'pending' | 'passed' | 'failed';

/** The first `canary` steps by seq must all succeed (or be skipped) before the rest start. */
export function canaryVerdict(steps: readonly JobStep[], canary: number): CanaryVerdict {
  const canaries = steps.slice(0, Math.min(canary, steps.length));
  if (canaries.some((s) => !FINISHED_STEP_STATES.has(s.state))) return 'pending';
  return canaries.every((s) => s.state === 'succeeded' || s.state === 'skipped') ? 'passed' : 'failed';
}

export interface FailureTally {
  finished: number;
  failed: number;
}

export function tally(steps: readonly JobStep[]): FailureTally {
  let finished = 0;
  let failed = 0;
  for (const s of steps) {
    if (s.state === 'failed' || s.state === 'expired') failed++;
    if (s.state === 'failed' || s.state === 'expired' || s.state === 'succeeded' || s.state === 'skipped') finished++;
  }
  return { finished, failed };
}

/** More than `threshold` % of the steps finished since `base` failed (issue 10: default 20 %). */
export function thresholdTripped(now: FailureTally, base: FailureTally, threshold: number): boolean {
  const finished = now.finished - base.finished;
  const failed = now.failed - base.failed;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with nothing finished since the base nothing failed either, and 0 / 0 is NaN, above no threshold
  if (finished <= 0) return false;
  return (failed * 100) / finished > threshold;
}

/** Steps that may start now, in seq order. */
export function startable(steps: readonly JobStep[], canaryOpen: boolean, canary: number, now: number): JobStep[] {
  const limit = canaryOpen ? steps.length : Math.min(canary, steps.length);
  return steps.slice(0, limit).filter((s) => s.state === 'queued' && (s.nextAt === null || s.nextAt <= now));
}

/** The end state once no step is queued, running or waiting, else null. */
export function finalState(steps: readonly JobStep[]): 'succeeded' | 'failed' | null {
  if (steps.some((s) => !FINISHED_STEP_STATES.has(s.state))) return null;
  return steps.some((s) => s.state === 'failed' || s.state === 'expired') ? 'failed' : 'succeeded';
}

/** Back-off before retry `attempt` (1-based) of a transport failure or timeout: 1 s, 2 s, 4 s… at most 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Earliest instant a new step may start under `ratePerSecond`. */
export function nextRateSlot(lastStartAt: number | null, options: Pick<JobOptions, 'ratePerSecond'>): number {
  if (!options.ratePerSecond || lastStartAt === null) return 0;
  return lastStartAt + 1000 / options.ratePerSecond;
}
