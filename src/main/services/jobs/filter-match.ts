// Evaluates a parsed fleet filter against one agent: its record and its cached values.

import type { AgentField, FilterCondition } from '../../../shared/jobs/filter-expression';
import type { AgentRecord } from '../../../shared/model/agent';
import { compareValue } from '../../usp/paths';

/** The agent fields a filter can read; `tag` is a list (== matches any tag, != matches none). */
export function agentFieldValues(agent: AgentRecord, field: AgentField): (string | null)[] {
  switch (field) {
    case 'endpointId':
      return [agent.endpointId];
    case 'status':
      return [agent.presence === 'online' ? 'online' : 'offline'];
    case 'manufacturer':
      return [agent.manufacturer];
    case 'model':
      return [agent.modelName];
    case 'productClass':
      return [agent.productClass];
    case 'serial':
      return [agent.serialNumber];
    case 'softwareVersion':
      return [agent.softwareVersion];
    case 'mtp':
      return agent.addresses.map((a) => a.kind);
    case 'tag':
      return agent.tags;
  }
}

/** A missing field or uncached parameter matches nothing, not even `!=` (as in USP search expressions). */
export function matchesFilter(agent: AgentRecord, conditions: readonly FilterCondition[], cachedValue: (path: string) => string | undefined): boolean {
  return conditions.every((c) => {
    if (c.subject.type === 'parameter') {
      const v = cachedValue(c.subject.path);
      return v !== undefined && compareValue(v, c.operator, c.value);
    }
    const values = agentFieldValues(agent, c.subject.field).filter((v): v is string => v !== null);
    if (values.length === 0) return false;
    if (c.operator === '!=') return values.every((v) => compareValue(v, '!=', c.value));
    return values.some((v) => compareValue(v, c.operator, c.value));
  });
}
