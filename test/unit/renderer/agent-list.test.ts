import { describe, expect, it } from 'vitest';
import type { AgentSummary } from '../../../src/shared/console-api';
import { agentIdentity, allTags, applyAgentChanges, filterAgents, emptyAgentFilter, parseTags } from '../../../src/renderer/features/agents/agent-list';

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

describe('agent identity for approval', () => {
  const bare = (agentId: string, extra: Partial<AgentSummary> = {}): AgentSummary =>
    agent(agentId, { oui: null, productClass: null, serialNumber: null, protocolVersions: null, ...extra });

  it('shows what the agent reported', () => {
    expect(agentIdentity(agent('proto::x'))).toBe('OUI 0C1A2B · product class HGW · serial SN1 · USP 1.0,1.1,1.2,1.3');
  });

  it('reads OUI, product class and serial from os:: and ops:: Endpoint IDs when nothing was reported', () => {
    expect(agentIdentity(bare('os::00256D-0123456789'))).toBe('OUI 00256D · serial 0123456789');
    expect(agentIdentity(bare('ops::00256D-STB-0123456789', { protocolVersions: '1.3' }))).toBe('OUI 00256D · product class STB · serial 0123456789 · USP 1.3');
    expect(agentIdentity(bare('proto::lab'))).toBe('no identity reported yet');
  });
});
