import { describe, expect, it } from 'vitest';
import type { AgentSummary } from '../../../src/shared/console-api';
import { AgentsStore } from '../../../src/renderer/features/agents/agents-store';

function agent(agentId: string, extra: Partial<AgentSummary> = {}): AgentSummary {
  return {
    agentId, presence: 'online', presenceReason: 'connected', presenceSince: 1, approval: 'approved', mtp: 'websocket',
    mtpAddress: '127.0.0.1:1', mtpProfileId: null, model: 'HGW-5400', manufacturer: 'Acme', firmware: '3.2.1',
    serialNumber: 'SN1', oui: '0C1A2B', productClass: 'HGW', protocolVersions: '1.3', firstSeen: 1, lastSeen: 2,
    tags: [], pinned: false, ...extra,
  };
}

describe('AgentsStore', () => {
  it('loads once, then follows pushes, telling listeners', async () => {
    const store = new AgentsStore();
    let calls = 0;
    let heard = 0;
    store.subscribe(() => heard++);
    const fetch = async (): Promise<AgentSummary[]> => {
      calls++;
      return [agent('b'), agent('a')];
    };
    await store.load(fetch);
    await store.load(fetch);
    expect(calls).toBe(1);
    expect(store.agentIds()).toEqual(['a', 'b']);
    store.apply([{ kind: 'upsert', agent: agent('a', { presence: 'offline' }) }, { kind: 'removed', agentId: 'b' }]);
    expect(store.agents().map((a) => [a.agentId, a.presence])).toEqual([['a', 'offline']]);
    expect(heard).toBe(2);
  });

  it('keeps pushes that arrive while the first list is loading', async () => {
    const store = new AgentsStore();
    let answer: (list: AgentSummary[]) => void = () => undefined;
    const loading = store.load(() => new Promise((resolve) => (answer = resolve)));
    store.apply([{ kind: 'upsert', agent: agent('new', { approval: 'pending' }) }]);
    answer([agent('old')]);
    await loading;
    expect(store.agentIds()).toEqual(['new', 'old']);
  });

  it('keeps the id array while only the agents\' fields change (pickers do not re-render)', async () => {
    const store = new AgentsStore();
    await store.load(async () => [agent('a')]);
    const ids = store.agentIds();
    store.apply([{ kind: 'upsert', agent: agent('a', { lastSeen: 99 }) }]);
    expect(store.agentIds()).toBe(ids);
  });

  it('may be loaded again after a failed load', async () => {
    const store = new AgentsStore();
    await expect(store.load(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await store.load(async () => [agent('a')]);
    expect(store.loaded).toBe(true);
  });
});
