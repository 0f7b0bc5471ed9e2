import { describe, expect, it } from 'vitest';
import { AgentRegistry, type AgentInfo, type PresenceChange } from '../../../src/main/controller/agent-registry';
import type { MtpAddress } from '../../../src/main/mtp/transport';

const conn1: MtpAddress = { transportId: 'ws', kind: 'websocket', target: 'conn-1' };
const conn2: MtpAddress = { transportId: 'ws', kind: 'websocket', target: 'conn-2' };
const topicA: MtpAddress = { transportId: 'mqtt', kind: 'mqtt', target: 'usp/agent/a' };

function setup() {
  const presence: PresenceChange[] = [];
  const updates: AgentInfo[] = [];
  const registry = new AgentRegistry({ presenceChanged: (c) => presence.push(c), agentUpdated: (a) => updates.push(a) });
  registry.linkChanged('ws', 'up', 'listening', 0);
  registry.linkChanged('mqtt', 'up', 'connected', 0);
  return { registry, presence, updates };
}

describe('AgentRegistry', () => {
  it('brings an agent online on its first record and remembers the address', () => {
    const { registry, presence } = setup();
    expect(registry.ensure('a', 'accepted', 10)).toBe(true);
    expect(registry.ensure('a', 'accepted', 11)).toBe(false);
    registry.heardFrom('a', conn1, 10, 'websocket_connect record');
    expect(presence).toEqual([{ endpointId: 'a', online: true, reason: 'websocket_connect record', at: 10 }]);
    expect(registry.routes('a')).toEqual([conn1]);
    expect(registry.get('a')?.addresses[0]).toEqual({ address: conn1, lastSeenAt: 10, open: true });
  });

  it('replaces the old connection on reconnect and ignores the old one closing late', () => {
    const { registry, presence } = setup();
    registry.ensure('a', 'accepted', 0);
    registry.heardFrom('a', conn1, 1, 'record');
    registry.heardFrom('a', conn2, 2, 'record');
    expect(registry.connectionClosed(conn1, 'closed 1006', 3)).toBeUndefined();
    expect(registry.get('a')?.online).toBe(true);
    expect(registry.routes('a')).toEqual([conn2]);
    expect(registry.list()).toHaveLength(1);
    expect(registry.connectionClosed(conn2, 'closed 1000', 4)).toBe('a');
    expect(presence.at(-1)).toEqual({ endpointId: 'a', online: false, reason: 'closed 1000', at: 4 });
    expect(registry.routes('a')).toEqual([]);
  });

  it('prefers the most recent open address and keeps a broker topic as a fallback', () => {
    const { registry } = setup();
    registry.ensure('a', 'accepted', 0);
    registry.heardFrom('a', topicA, 1, 'mqtt_connect record');
    registry.heardFrom('a', conn1, 2, 'record');
    expect(registry.routes('a')).toEqual([conn1, topicA]);
    registry.heardFrom('a', topicA, 3, 'Notify');
    expect(registry.routes('a')).toEqual([topicA, conn1]);
    registry.addressClosed('a', topicA, 'no response to m1', 4);
    expect(registry.get('a')?.online).toBe(true);
    expect(registry.routes('a')).toEqual([conn1, topicA]);
  });

  it('takes broker agents offline when the link drops and back online with their next record', () => {
    const { registry, presence } = setup();
    registry.ensure('a', 'accepted', 0);
    registry.ensure('b', 'accepted', 0);
    registry.heardFrom('a', topicA, 1, 'record');
    registry.heardFrom('b', { ...topicA, target: 'usp/agent/b' }, 1, 'record');
    registry.linkChanged('mqtt', 'down', 'broker connection lost', 5);
    expect(presence.filter((p) => !p.online).map((p) => [p.endpointId, p.reason])).toEqual([
      ['a', 'broker connection lost'],
      ['b', 'broker connection lost'],
    ]);
    expect(registry.routes('a')).toEqual([]);
    registry.linkChanged('mqtt', 'up', 'reconnected', 6);
    expect(registry.get('a')?.online).toBe(false);
    expect(registry.routes('a')).toEqual([topicA]);
    registry.heardFrom('a', topicA, 7, 'mqtt_connect received');
    expect(registry.get('a')?.online).toBe(true);
  });

  it('marks a broker agent offline on a timeout and keeps the topic usable', () => {
    const { registry } = setup();
    registry.ensure('a', 'accepted', 0);
    registry.heardFrom('a', topicA, 1, 'record');
    registry.addressClosed('a', topicA, 'no response to m1 within 1000 ms', 2);
    const info = registry.get('a');
    expect(info?.online).toBe(false);
    expect(info?.presenceReason).toBe('no response to m1 within 1000 ms');
    expect(registry.routes('a')).toEqual([topicA]);
  });

  it('restores persisted agents offline, with their broker addresses usable', () => {
    const { registry, presence } = setup();
    registry.restore(
      [
        {
          endpointId: 'r',
          status: 'accepted',
          firstSeenAt: 1,
          lastSeenAt: 2,
          addresses: [
            { address: topicA, lastSeenAt: 2 },
            { address: conn1, lastSeenAt: 2 },
          ],
          protocolVersions: ['1.3'],
        },
      ],
      100,
    );
    const info = registry.get('r');
    expect(info?.online).toBe(false);
    expect(info?.presenceReason).toMatch(/restored/);
    expect(info?.protocolVersions).toEqual(['1.3']);
    expect(registry.routes('r')).toEqual([topicA]);
    expect(presence).toEqual([]);
  });

  it('reports status and version changes as updates', () => {
    const { registry, updates } = setup();
    registry.ensure('a', 'held', 0);
    registry.setStatus('a', 'accepted');
    registry.setProtocolVersions('a', ['1.0', '1.3']);
    registry.setProtocolVersions('a', ['1.0', '1.3']);
    expect(updates.map((u) => [u.status, u.protocolVersions])).toEqual([
      ['accepted', null],
      ['accepted', ['1.0', '1.3']],
    ]);
  });
});
