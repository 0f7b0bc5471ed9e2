import { describe, expect, it } from 'vitest';
import { AgentRegistry, type PresenceChange } from '../../../src/main/controller/agent-registry';
import { ConnectionGuard } from '../../../src/main/controller/connection-guard';
import type { InboundRecord, MtpAddress, Transport } from '../../../src/main/mtp/transport';

// Agent identity per WebSocket/UDS connection (issue 9 #1, R-SEC.0a, R-WS.4). The real WebSocket
// takeover runs in test/integration; here every branch of the guard, with the Ping answered by hand.

const AGENT = 'proto::agent-a';
const conn = (target: string, transportId = 'ws'): MtpAddress => ({ transportId, kind: 'websocket', target });
const record = (n: number): InboundRecord => ({ bytes: new Uint8Array([n]), replyTo: null, receivedAt: n });
/** Lets the guard's pending promise callbacks run (no timers involved). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Ping {
  address: MtpAddress;
  timeoutMs: number;
  answer(alive: boolean): void;
  fail(error: Error): void;
}

function setup(options: { canPing?: boolean; attached?: boolean } = {}) {
  const presence: PresenceChange[] = [];
  const registry = new AgentRegistry({ presenceChanged: (change) => presence.push(change), agentUpdated: () => undefined });
  registry.linkChanged('ws', 'up', 'listening', 0);
  const refused: { bytes: number; endpointId: string; reason: string }[] = [];
  const warnings: { endpointId: string; transportId: string; message: string }[] = [];
  const replayed: number[] = [];
  const reconnected: string[] = [];
  const closedPeers: { target: string; reason: string }[] = [];
  const pings: Ping[] = [];
  const transport = {
    id: 'ws',
    describe: (address: MtpAddress) => `WebSocket connection ${address.target}`,
    // As the controller does on the transport's peerClosed event.
    closePeer: (address: MtpAddress, reason: string) => {
      closedPeers.push({ target: address.target, reason });
      registry.connectionClosed(address, reason, 2);
    },
    ...(options.canPing === false
      ? {}
      : {
          checkAlive: (address: MtpAddress, timeoutMs: number) =>
            new Promise<boolean>((answer, fail) => pings.push({ address, timeoutMs, answer, fail })),
        }),
  } as unknown as Transport;
  const guard = new ConnectionGuard(
    {
      registry,
      clock: () => 42,
      warnAgent: (endpointId, transportId, message) => warnings.push({ endpointId, transportId, message }),
      refuse: (t, inbound, endpointId, reason) => {
        expect(t).toBe(transport);
        refused.push({ bytes: inbound.bytes[0]!, endpointId, reason });
      },
      replay: (t, inbound) => {
        expect(t).toBe(transport);
        replayed.push(inbound.bytes[0]!);
      },
      attached: (transportId) => transportId === 'ws' && options.attached !== false,
      reconnected: (endpointId) => reconnected.push(endpointId),
    },
    1500,
  );
  /** AGENT is online on connection c1 (the incumbent). */
  const incumbent = () => {
    registry.ensure(AGENT, 'accepted', 0);
    registry.heardFrom(AGENT, conn('c1'), 1, 'record');
    expect(guard.opened(transport, conn('c1'), AGENT)).toBe(true);
  };
  return { registry, presence, guard, transport, refused, warnings, replayed, reconnected, closedPeers, pings, incumbent };
}

describe('ConnectionGuard: one Endpoint ID per connection', () => {
  it('binds a connection to the from_id of its first Record and drops Records claiming another agent on it', () => {
    const { guard, transport, refused, warnings } = setup();
    expect(guard.admit(transport, conn('c1'), AGENT, record(1))).toBe(true);
    expect(guard.admit(transport, conn('c1'), AGENT, record(2))).toBe(true);
    expect(guard.admit(transport, conn('c1'), 'proto::victim', record(3))).toBe(false);
    expect(refused).toEqual([{ bytes: 3, endpointId: 'proto::victim', reason: `from_id "proto::victim" on a connection that belongs to "${AGENT}"` }]);
    expect(warnings).toEqual([{ endpointId: AGENT, transportId: 'ws', message: 'dropped a Record claiming to come from "proto::victim" on this agent\'s connection c1' }]);
  });

  it('binds by the Endpoint ID a connection opened with, per transport and connection', () => {
    const { guard, transport, refused } = setup();
    expect(guard.opened(transport, conn('c1'), AGENT)).toBe(true);
    expect(guard.admit(transport, conn('c1'), 'proto::other', record(1))).toBe(false);
    // The same target on another transport is another connection.
    expect(guard.admit(transport, conn('c1', 'uds'), 'proto::other', record(2))).toBe(true);
    expect(guard.admit(transport, conn('c2'), 'proto::other', record(3))).toBe(true);
    expect(refused.map((r) => r.bytes)).toEqual([1]);
  });

  it('forgets the binding when the connection closes', () => {
    const { guard, transport } = setup();
    expect(guard.admit(transport, conn('c1'), AGENT, record(1))).toBe(true);
    guard.closed(conn('c1'));
    expect(guard.admit(transport, conn('c1'), 'proto::next', record(2))).toBe(true);
    expect(guard.admit(transport, conn('c1'), AGENT, record(3))).toBe(false);
  });

  it('lets the agent speak again over the connection it is already online on', () => {
    const { guard, transport, registry, pings } = setup();
    registry.ensure(AGENT, 'accepted', 0);
    registry.heardFrom(AGENT, conn('c1'), 1, 'record');
    expect(guard.admit(transport, conn('c1'), AGENT, record(1))).toBe(true);
    expect(pings).toEqual([]);
  });
});

describe('ConnectionGuard: a second connection claiming an online agent', () => {
  it('holds its Records while the incumbent is pinged; a live incumbent keeps the agent and the claimant is refused', async () => {
    const { guard, transport, incumbent, pings, refused, warnings, closedPeers, replayed } = setup();
    incumbent();
    expect(guard.admit(transport, conn('c2'), AGENT, record(1))).toBe(false);
    expect(guard.admit(transport, conn('c2'), AGENT, record(2))).toBe(false);
    expect(guard.opened(transport, conn('c2'), AGENT)).toBe(false);
    expect(pings.map((p) => [p.address.target, p.timeoutMs])).toEqual([['c1', 1500]]);
    expect(refused).toEqual([]);
    pings[0]!.answer(true);
    await flush();
    const reason = `"${AGENT}" is online on another connection that answers Pings`;
    expect(refused).toEqual([
      { bytes: 1, endpointId: AGENT, reason },
      { bytes: 2, endpointId: AGENT, reason },
    ]);
    expect(closedPeers).toEqual([{ target: 'c2', reason: 'Endpoint ID in use by a live connection' }]);
    expect(warnings).toEqual([
      { endpointId: AGENT, transportId: 'ws', message: 'refused a takeover: connection c2 claimed this Endpoint ID while its connection c1 still answers Pings' },
    ]);
    expect(replayed).toEqual([]);
    // The contest is over and c2 never got bound: another from_id on it is a fresh claim.
    expect(guard.admit(transport, conn('c2'), 'proto::other', record(3))).toBe(true);
  });

  it('moves the agent to the claimant when the incumbent does not answer, replaying the held Records', async () => {
    const { guard, transport, incumbent, pings, refused, warnings, closedPeers, replayed, reconnected, registry } = setup();
    incumbent();
    expect(guard.admit(transport, conn('c2'), AGENT, record(1))).toBe(false);
    expect(guard.admit(transport, conn('c2'), AGENT, record(2))).toBe(false);
    pings[0]!.answer(false);
    await flush();
    // No presence change shows such a reconnect: the controller is told (subscriptions are checked).
    expect(reconnected).toEqual([AGENT]);
    expect(closedPeers).toEqual([{ target: 'c1', reason: 'no answer to a Ping while another connection claimed its Endpoint ID' }]);
    expect(warnings).toEqual([{ endpointId: AGENT, transportId: 'ws', message: 'moved to connection c2: its connection c1 did not answer a Ping' }]);
    expect(replayed).toEqual([1, 2]);
    // The replayed Records mark the agent heard from, through the intake; the guard does not.
    expect(registry.openConnectionOf(AGENT, 'ws')).toBeUndefined();
    expect(refused).toEqual([]);
    expect(guard.admit(transport, conn('c2'), AGENT, record(3))).toBe(true);
    expect(guard.admit(transport, conn('c2'), 'proto::other', record(4))).toBe(false);
  });

  it('a connection that opened naming the agent takes over a dead incumbent and becomes its address', async () => {
    const { guard, transport, incumbent, pings, registry, replayed, presence } = setup();
    incumbent();
    expect(guard.opened(transport, conn('c2'), AGENT)).toBe(false);
    pings[0]!.fail(new Error('socket gone'));
    await flush();
    expect(replayed).toEqual([]);
    expect(registry.openConnectionOf(AGENT, 'ws')).toEqual(conn('c2'));
    expect(registry.get(AGENT)).toMatchObject({ online: true, lastSeenAt: 42 });
    expect(presence.slice(-2)).toEqual([
      { endpointId: AGENT, online: false, reason: 'no answer to a Ping while another connection claimed its Endpoint ID', at: 2 },
      { endpointId: AGENT, online: true, reason: 'connected over WebSocket connection c2 after the previous connection died', at: 42 },
    ]);
  });

  it('without a way to ping, an open incumbent counts as alive: no takeover on a guess', async () => {
    const { guard, transport, incumbent, refused, closedPeers } = setup({ canPing: false });
    incumbent();
    expect(guard.admit(transport, conn('c2'), AGENT, record(1))).toBe(false);
    await flush();
    expect(refused.map((r) => r.bytes)).toEqual([1]);
    expect(closedPeers.map((c) => c.target)).toEqual(['c2']);
  });

  it('keeps at most 16 Records of a contested connection and refuses the rest', async () => {
    const { guard, transport, incumbent, pings, refused, replayed } = setup();
    incumbent();
    for (let n = 1; n <= 18; n++) expect(guard.admit(transport, conn('c2'), AGENT, record(n))).toBe(false);
    expect(refused).toEqual([
      { bytes: 17, endpointId: AGENT, reason: 'too many Records while its claim to an Endpoint ID is checked' },
      { bytes: 18, endpointId: AGENT, reason: 'too many Records while its claim to an Endpoint ID is checked' },
    ]);
    pings[0]!.answer(false);
    await flush();
    expect(replayed).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('a claimant that closed during the check is not bound, but the dead incumbent is still closed', async () => {
    const { guard, transport, incumbent, pings, warnings, closedPeers, replayed, registry } = setup();
    incumbent();
    expect(guard.admit(transport, conn('c2'), AGENT, record(1))).toBe(false);
    guard.closed(conn('c2'));
    pings[0]!.answer(false);
    await flush();
    expect(closedPeers.map((c) => c.target)).toEqual(['c1']);
    expect(warnings).toEqual([]);
    expect(replayed).toEqual([]);
    expect(registry.openConnectionOf(AGENT, 'ws')).toBeUndefined();
  });

  it('does nothing after the check once the transport is detached', async () => {
    const { guard, transport, incumbent, pings, refused, warnings, closedPeers, replayed } = setup({ attached: false });
    incumbent();
    expect(guard.admit(transport, conn('c2'), AGENT, record(1))).toBe(false);
    pings[0]!.answer(true);
    await flush();
    expect([refused, warnings, closedPeers, replayed]).toEqual([[], [], [], []]);
  });

  it('refuses claimants without a ping once 256 contests are running', () => {
    const { guard, transport, incumbent, pings, refused, closedPeers } = setup();
    incumbent();
    for (let n = 0; n < 256; n++) expect(guard.opened(transport, conn(`claimant-${n}`), AGENT)).toBe(false);
    expect(pings).toHaveLength(256);
    expect(closedPeers).toEqual([]);
    expect(guard.admit(transport, conn('one-more'), AGENT, record(7))).toBe(false);
    expect(guard.opened(transport, conn('and-another'), AGENT)).toBe(false);
    expect(pings).toHaveLength(256);
    expect(refused).toEqual([{ bytes: 7, endpointId: AGENT, reason: `"${AGENT}" is online on another connection` }]);
    expect(closedPeers).toEqual([
      { target: 'one-more', reason: 'Endpoint ID in use by another connection' },
      { target: 'and-another', reason: 'Endpoint ID in use by another connection' },
    ]);
  });
});
