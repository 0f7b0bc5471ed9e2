// Decisions of the scheduler as pure functions of a job's steps (or of their counts by state,
// which the engine keeps current so no decision scans every step): which may start now, whether
// the canary passed, whether the failure threshold tripped, and how the job ends.

import type { JobOptions } from '../../../shared/jobs/job-file';
import { emptyCounts, FINISHED_STEP_STATES, STEP_STATES, type JobStep, type StepCounts } from '../../../shared/jobs/job-model';

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

export function countStates(steps: readonly JobStep[]): StepCounts {
  const counts = emptyCounts();
  for (const s of steps) counts[s.state]++;
  return counts;
}

/** Failed and expired steps are failures; finished are those and the succeeded and skipped ones (not cancelled). */
export function tally(counts: StepCounts): FailureTally {
  const failed = counts.failed + counts.expired;
  return { finished: failed + counts.succeeded + counts.skipped, failed };
}

/** More than `threshold` % of the steps finished since `base` failed (issue 10: default 20 %). */
export function thresholdTripped(now: FailureTally, base: FailureTally, threshold: number): boolean {
  const finished = now.finished - base.finished;
  const failed = now.failed - base.failed;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with nothing finished since the base nothing failed either, and 0 / 0 is NaN, above no threshold
  if (finished <= 0) return false;
  return (failed * 100) / finished > threshold;
}

export interface Startable {
  /** Steps that may start now, in seq order, at most `max`. */
  due: JobStep[];
  /** The earliest nextAt of the queued steps seen that may not start yet (Infinity: none). */
  wakeAt: number;
}

/**
 * Steps that may start now, looking from index `from` on (no step before it is queued) and
 * stopping at `max`, so a scheduler that keeps `from` current does not rescan finished steps.
 */
export function startable(steps: readonly JobStep[], canaryOpen: boolean, canary: number, now: number, from = 0, max = Infinity): Startable {
  const limit = canaryOpen ? steps.length : Math.min(canary, steps.length);
  const due: JobStep[] = [];
  let wakeAt = Infinity;
  for (let i = from; i < limit && due.length < max; i++) {
    const s = steps[i]!;
    if (s.state !== 'queued') continue;
    if (s.nextAt === null || s.nextAt <= now) due.push(s);
    else wakeAt = Math.min(wakeAt, s.nextAt);
  }
  return { due, wakeAt };
}

/** The end state once no step is queued, running or waiting, else null. */
export function finalState(counts: StepCounts): 'succeeded' | 'failed' | null {
  if (STEP_STATES.some((s) => counts[s] > 0 && !FINISHED_STEP_STATES.has(s))) return null;
  return counts.failed + counts.expired > 0 ? 'failed' : 'succeeded';
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
