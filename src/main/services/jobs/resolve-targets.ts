import { parseFilter } from '../../../shared/jobs/filter-expression';
import type { JobTargets } from '../../../shared/jobs/job-file';
import type { AgentRecord } from '../../../shared/model/agent';
import type { Store } from '../../store/store';
import { matchesFilter } from './filter-match';
import { JobInputError } from './job-errors';

/** Agents a filter selects, in Endpoint ID order. */
export function agentsMatching(store: Store, filter: string): AgentRecord[] {
  const parsed = parseFilter(filter);
  if (!parsed.ok) throw new JobInputError(parsed.error.message, parsed.error.position);
  return store.agents
    .list()
    .filter((agent) => matchesFilter(agent, parsed.conditions, (path) => {
      const id = store.agents.idOf(agent.endpointId);
      return id === undefined ? undefined : store.cache.value(id, path)?.value;
    }))
    .sort((a, b) => a.endpointId.localeCompare(b.endpointId));
}

/**
 * The agents a job targets, resolved now: a group's filter is evaluated at this moment.
 * Listed agents the console has never seen are an error (nothing could be previewed or sent).
 */
export function resolveTargets(store: Store, targets: JobTargets): AgentRecord[] {
  if ('filter' in targets) return agentsMatching(store, targets.filter);
  if ('group' in targets) {
    const group = store.groups.get(targets.group);
    if (!group) throw new JobInputError(`no group named "${targets.group}"`);
    return 'filter' in group ? agentsMatching(store, group.filter) : listed(store, group.agents);
  }
  return listed(store, targets.agents);
}

function listed(store: Store, endpointIds: readonly string[]): AgentRecord[] {
  const unique = [...new Set(endpointIds)];
  const agents = unique.map((id) => store.agents.get(id));
  const unknown = unique.filter((_, i) => !agents[i]);
  if (unknown.length) throw new JobInputError(`unknown agents: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`);
  return agents as AgentRecord[];
}
