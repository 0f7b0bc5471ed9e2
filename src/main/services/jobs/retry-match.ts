// The failed steps a retry selection names, with the model and software version of each step's
// agent as the store knows them (the same facts the job page groups failures by).

import type { JobStep } from '../../../shared/jobs/job-model';
import type { RetrySelection } from '../../../shared/jobs/retry-selection';

export interface AgentFacts {
  model: string | null;
  softwareVersion: string | null;
}

/** Failed or expired steps matching every criterion of the selection. */
export function retryableSteps(steps: readonly JobStep[], selection: RetrySelection, factsOf: (endpointId: string) => AgentFacts | undefined): JobStep[] {
  const agents = selection.endpointIds ? new Set(selection.endpointIds) : null;
  return steps.filter((s) => {
    if (s.state !== 'failed' && s.state !== 'expired') return false;
    if (selection.errorCode !== undefined && s.errorCode !== selection.errorCode) return false;
    if (agents && !agents.has(s.endpointId)) return false;
    if (selection.model === undefined && selection.softwareVersion === undefined) return true;
    const facts = factsOf(s.endpointId);
    if (selection.model !== undefined && (facts?.model ?? null) !== selection.model) return false;
    return selection.softwareVersion === undefined || (facts?.softwareVersion ?? null) === selection.softwareVersion;
  });
}
