import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Controller, type ControllerWarning } from '../../../src/main/controller';
import { join } from 'node:path';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { UdsServerTransport } from '../../../src/main/mtp/uds/uds-server-transport';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import * as m from '../../../src/main/usp/messages';
import { buildConnectRecord, buildMsgRecord } from '../../../src/main/usp/record';
import { collectEvents, tempDir, waitForEvent, waitUntil } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer } from './usp-responses';

// Issue 9 finding 1: nobody takes over a live agent's WebSocket identity.
const CONTROLLER_ID = 'self::usp-console-takeover';

let server: WsServerTransport;
let controller: Controller;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  server = new WsServerTransport({ id: 'ws-server', host: '127.0.0.1', port: 0, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0 });
  await server.start();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  controller?.close();
});

afterAll(async () => {
  await server.stop();
});

function newController(): Controller {
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], requestTimeoutMs: 3_000, takeoverProbeMs: 300 });
  return controller;
}

async function realAgent(endpointId: string): Promise<RawAgent> {
  const transport = new WsClientTransport({ id: `agent-${endpointId}`, url: `ws://127.0.0.1:${server.port}/usp`, endpointId, keepAliveIntervalMs: 0 });
  cleanups.push(() => transport.stop());
  const agent = new RawAgent(endpointId, CONTROLLER_ID, transport, transport.peerAddress, cannedAnswer);
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === endpointId && c.online);
  await transport.start();
  await agent.connectRecord('websocket');
  await online;
  return agent;
}

/** A plain WebSocket peer; autoPong false makes it a connection that no longer answers Pings. */
async function rawPeer(query: string, autoPong = true): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/usp${query}`, 'v1.usp', { autoPong });
  cleanups.push(() => socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

function forgedNotify(fromId: string, msgId: string): Buffer {
  const msg = m.buildNotify(msgId, { subscriptionId: 'sub-1', sendResp: false, notification: { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: {} } });
  return Buffer.from(buildMsgRecord({ toId: CONTROLLER_ID, fromId, msg }));
}

const closeCode = (socket: WebSocket): Promise<number> => new Promise((resolve) => socket.once('close', (code) => resolve(code)));

describe('agent identity per WebSocket connection', () => {
  it('drops a forged Notify from a second connection without eid, keeps the agent on its live connection, and warns on the agent', async () => {
    newController();
    const id = 'proto::victim-1';
    const agent = await realAgent(id);
    const notifications = collectEvents(controller, 'notification');
    cleanups.push(() => notifications.stop());
    const refused = waitForEvent(controller, 'warning', (w: ControllerWarning) => w.endpointId === id && /refused a takeover/.test(w.message));
    const dropped = waitForEvent(controller, 'recordDropped', (d) => d.endpointId === id && /online on another connection/.test(d.reason));
    const impostor = await rawPeer('');
    const closed = closeCode(impostor);
    impostor.send(forgedNotify(id, 'forged-1'));
    await refused;
    await dropped;
    expect(await closed).toBe(1008);
    expect(notifications.events.filter(([n]) => n.msgId === 'forged-1')).toEqual([]);
    const info = controller.agent(id);
    expect(info?.online).toBe(true);
    expect(info?.warnings[0]?.message).toMatch(/refused a takeover/);
    // The console's requests still reach the real agent.
    const got = await controller.get(id, ['Device.DeviceInfo.']);
    expect(got.requestedPaths[0]?.resolved[0]?.params).toMatchObject({ ModelName: 'RawAgent' });
    expect(agent.requests('get')).toHaveLength(1);
  });

  it('does not let a connection with ?eid= of an online agent replace it', async () => {
    newController();
    const id = 'proto::victim-2';
    await realAgent(id);
    const before = server.peers().find((p) => p.endpointId === id)?.address;
    const refused = waitForEvent(controller, 'warning', (w: ControllerWarning) => w.endpointId === id && /refused a takeover/.test(w.message));
    const impostor = await rawPeer(`?eid=${encodeURIComponent(id)}`);
    const closed = closeCode(impostor);
    await refused;
    expect(await closed).toBe(1008);
    expect(controller.agent(id)?.online).toBe(true);
    expect(controller.agent(id)?.addresses[0]?.address).toEqual(before);
    expect(server.peers().filter((p) => p.endpointId === id).map((p) => p.address)).toEqual([before]);
  });

  it('drops a Record whose from_id differs from the identity its connection is bound to', async () => {
    newController();
    const id = 'proto::bound-3';
    await realAgent(id);
    const other = await rawPeer('');
    other.send(Buffer.from(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: 'proto::first-3' })));
    await waitUntil(() => controller.agent('proto::first-3')?.online === true, 'the first identity bound');
    const dropped = waitForEvent(controller, 'recordDropped', (d) => /belongs to "proto::first-3"/.test(d.reason));
    other.send(forgedNotify(id, 'forged-3'));
    await dropped;
    expect(controller.agent('proto::first-3')?.warnings[0]?.message).toMatch(/claiming to come from "proto::bound-3"/);
  });

  it('lets a new connection take over when the old one no longer answers Pings', async () => {
    newController();
    const id = 'proto::moved-4';
    const stale = await rawPeer(`?eid=${encodeURIComponent(id)}`, false);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === id && c.online);
    stale.send(Buffer.from(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: id })));
    await online;
    const moved = waitForEvent(controller, 'warning', (w: ControllerWarning) => w.endpointId === id && /moved to connection/.test(w.message));
    const staleClosed = closeCode(stale);
    const agent = await realAgent(id);
    await moved;
    expect(await staleClosed).toBe(1008);
    await waitUntil(() => controller.agent(id)?.online === true, 'the agent online on its new connection');
    const got = await controller.get(id, ['Device.DeviceInfo.']);
    expect(got.requestedPaths[0]?.resolved[0]?.params).toMatchObject({ ModelName: 'RawAgent' });
    expect(agent.requests('get')).toHaveLength(1);
  });

  it('over a Unix domain socket too: a second connection naming an online agent is refused, the first one kept', async () => {
    const path = join(await tempDir(), 'controller.sock');
    const uds = new UdsServerTransport({ id: 'uds', path, endpointId: CONTROLLER_ID });
    await uds.start();
    cleanups.push(() => uds.stop());
    controller = new Controller({ endpointId: CONTROLLER_ID, transports: [uds], requestTimeoutMs: 3_000 });
    const id = 'proto::uds-victim';
    const real = new UdsClientTransport({ id: 'real', path, endpointId: id });
    cleanups.push(() => real.stop());
    const agent = new RawAgent(id, CONTROLLER_ID, real, real.peerAddress, cannedAnswer);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === id && c.online);
    await real.start();
    await agent.connectRecord('uds');
    await online;
    const refused = waitForEvent(controller, 'warning', (w: ControllerWarning) => w.endpointId === id && /refused a takeover/.test(w.message));
    const impostor = new UdsClientTransport({ id: 'impostor', path, endpointId: id, reconnect: { initialDelayMs: 60_000 } });
    cleanups.push(() => impostor.stop());
    await impostor.start();
    await refused;
    await controller.get(id, ['Device.DeviceInfo.']);
    expect(agent.requests('get')).toHaveLength(1);
    expect(controller.agent(id)?.online).toBe(true);
  });
});
