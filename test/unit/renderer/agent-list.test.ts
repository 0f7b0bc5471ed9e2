import { describe, expect, it } from 'vitest';
import type { AgentSummary } from '../../../src/shared/console-api';
import { allTags, applyAgentChanges, filterAgents, emptyAgentFilter, parseTags } from '../../../src/renderer/features/agents/agent-list';

function agent(agentId: string, extra: Partial<AgentSummary> = {}): AgentSummary {
  return {
    agentId, presence: 'online', presenceReason: 'connected', presenceSince: 1, approval: 'approved', mtp: 'websocket',
    mtpAddress: '127.0.0.1:1', mtpProfileId: null, model: 'HGW-5400', manufacturer: 'Acme', firmware: '3.2.1',
    serialNumber: 'SN1', oui: '0C1A2B', productClass: 'HGW', protocolVersions: '1.0,1.1,1.2,1.3', firstSeen: 1, lastSeen: 2,
    tags: [], pinned: false, ...extra,
  };
}

describe('agent list', () => {
  it('applies upserts and removals, pinned first then pending then by id', () => {
    let list = applyAgentChanges([], [
      { kind: 'upsert', agent: agent('c') },
      { kind: 'upsert', agent: agent('b', { approval: 'pending' }) },
      { kind: 'upsert', agent: agent('a') },
      { kind: 'upsert', agent: agent('z', { pinned: true }) },
    ]);
    expect(list.map((a) => a.agentId)).toEqual(['z', 'b', 'a', 'c']);
    list = applyAgentChanges(list, [{ kind: 'removed', agentId: 'b' }, { kind: 'upsert', agent: agent('a', { presence: 'offline' }) }]);
    expect(list.map((a) => [a.agentId, a.presence])).toEqual([['z', 'online'], ['a', 'offline'], ['c', 'online']]);
  });

  it('filters by text over model/firmware/tags, presence, pending and tag', () => {
    const list = [
      agent('os::1', { tags: ['lab'], firmware: '3.3.0' }),
      agent('os::2', { presence: 'offline', model: 'XG-10' }),
      agent('os::3', { approval: 'pending', presence: 'unknown' }),
    ];
    expect(filterAgents(list, { ...emptyAgentFilter, text: 'xg-' }).map((a) => a.agentId)).toEqual(['os::2']);
    expect(filterAgents(list, { ...emptyAgentFilter, text: 'LAB' }).map((a) => a.agentId)).toEqual(['os::1']);
    expect(filterAgents(list, { ...emptyAgentFilter, presence: 'offline' }).map((a) => a.agentId)).toEqual(['os::2', 'os::3']);
    expect(filterAgents(list, { ...emptyAgentFilter, presence: 'pending' }).map((a) => a.agentId)).toEqual(['os::3']);
    expect(filterAgents(list, { ...emptyAgentFilter, tag: 'lab' }).map((a) => a.agentId)).toEqual(['os::1']);
    expect(allTags([agent('a', { tags: ['x', 'b'] }), agent('c', { tags: ['b'] })])).toEqual(['b', 'x']);
    expect(parseTags(' lab, ,floor 2,lab')).toEqual(['lab', 'floor 2']);
  });
});
