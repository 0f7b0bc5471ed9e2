// A firmware step's outcome in words (docs/jobs.md "Firmware campaigns"): updated to X, already
// on X, download failed (code, reason), activation failed, rebooted into the old image, no Boot!.

import { STEP_ERROR_CODES, type JobStep } from '../../../shared/jobs/job-model';

const SOFTWARE_VERSION = 'Device.DeviceInfo.SoftwareVersion';

/** Failure codes of firmware steps, as people say them. */
const FAILURE_WORDS: Record<string, string> = {
  [STEP_ERROR_CODES.downloadFailed]: 'download failed',
  [STEP_ERROR_CODES.activationFailed]: 'activation failed',
  [STEP_ERROR_CODES.oldImage]: 'rebooted into the old image',
  [STEP_ERROR_CODES.noBoot]: 'no Boot!',
  [STEP_ERROR_CODES.firmware]: 'firmware problem',
  [STEP_ERROR_CODES.timeout]: 'no answer in time',
  [STEP_ERROR_CODES.transport]: 'agent unreachable',
  offline: 'agent stayed offline',
};

/** Messages of these codes already start with their words ("download failed (7022, …)"). */
const SELF_DESCRIBED: ReadonlySet<string> = new Set([STEP_ERROR_CODES.downloadFailed, STEP_ERROR_CODES.activationFailed, STEP_ERROR_CODES.oldImage, STEP_ERROR_CODES.noBoot]);

/** The outcome group of a failure code: "download failed", or the code itself when it has no words (a USP error). */
export function firmwareFailureWords(errorCode: string): string {
  return FAILURE_WORDS[errorCode] ?? `error ${errorCode}`;
}

/** One step's outcome (or where it is, while it runs) in words. */
export function firmwareOutcome(step: JobStep): string {
  const version = step.after?.[SOFTWARE_VERSION];
  switch (step.state) {
    case 'succeeded':
      return `updated to ${version ?? '?'}`;
    case 'skipped':
      return `already on ${version ?? '?'}`;
    case 'failed':
    case 'expired': {
      const code = step.errorCode ?? step.state;
      const message = step.errorMessage ?? '';
      return SELF_DESCRIBED.has(code) && message !== '' ? message : `${firmwareFailureWords(code)}${message ? `: ${message}` : ''}`;
    }
    case 'running':
      return runningStage(step);
    case 'waiting-offline':
      return 'waiting for the agent to connect';
    default:
      return step.state;
  }
}

/** While a step runs its `after` holds its progress (firmware-step.ts): stage and image. */
function runningStage(step: JobStep): string {
  const image = step.after?.image?.replace(/\.$/, '') ?? '';
  if (step.after?.stage === 'download') return `downloading into ${image}`;
  if (step.after?.stage === 'activate') return `activating ${image}, waiting for Boot!`;
  return 'reading the agent’s firmware';
}

export interface OutcomeCount {
  outcome: string;
  count: number;
  state: JobStep['state'];
}

/** Finished steps counted by outcome in words ("updated to 3.3.0", "download failed"), most first. */
export function outcomeCounts(steps: readonly JobStep[]): OutcomeCount[] {
  const counts = new Map<string, OutcomeCount>();
  for (const s of steps) {
    let outcome: string;
    if (s.state === 'succeeded' || s.state === 'skipped') outcome = firmwareOutcome(s);
    else if (s.state === 'failed' || s.state === 'expired') outcome = firmwareFailureWords(s.errorCode ?? s.state);
    else continue;
    const prev = counts.get(outcome);
    counts.set(outcome, { outcome, count: (prev?.count ?? 0) + 1, state: s.state });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome));
}
