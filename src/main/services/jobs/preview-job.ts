import type { JobOperation } from '../../../shared/jobs/job-file';
import { PREVIEW_FLAGS, type JobPreview, type PreviewFlag } from '../../../shared/jobs/preview';
import type { AgentRecord } from '../../../shared/model/agent';
import type { Store } from '../../store/store';
import { AgentCacheView } from './agent-cache-view';
import { previewAgent } from './preview-agent';

/** The preview of an operation over resolved targets, with the number of agents per flag. */
export function previewJob(store: Store, op: JobOperation, agents: readonly AgentRecord[]): JobPreview {
  const previews = agents.map((agent) => previewAgent(op, new AgentCacheView(store, agent)));
  const counts = Object.fromEntries(PREVIEW_FLAGS.map((f) => [f, 0])) as Record<PreviewFlag, number>;
  for (const p of previews) for (const f of p.flags) counts[f]++;
  return { total: previews.length, counts, agents: previews };
}
