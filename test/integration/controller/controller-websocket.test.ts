import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentNotApprovedError,
  AgentUnreachableError,
  Controller,
  RequestTimeoutError,
  UspErrorResponse,
  type NotificationEvent,
  type PresenceChange,
} from '../../../src/main/controller';
import { WebSocket } from 'ws';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import * as m from '../../../src/main/usp/messages';
import { buildMsgRecord } from '../../../src/main/usp/record';
import { collectEvents, waitForEvent, waitUntil } from '../../helpers';
import { RawAgent, type RequestHandler } from './raw-agent';
import { cannedAnswer, errorFor, respond } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-test';

let server: WsServerTransport;
let controller: Controller;
const agents: RawAgent[] = [];

async function connectAgent(endpointId: string, handler: RequestHandler = cannedAnswer): Promise<RawAgent> {
  const transport = new WsClientTransport({ id: `agent-${endpointId}`, url: `ws://127.0.0.1:${server.port}/usp`, endpointId, keepAliveIntervalMs: 0 });
  const agent = new RawAgent(endpointId, CONTROLLER_ID, transport, transport.peerAddress, handler);
  const connected = waitForEvent(controller, 'trace', (t) => t.direction === 'in' && t.endpointId === endpointId && t.recordType === 'websocket_connect');
  await transport.start();
  await agent.connectRecord('websocket');
  await connected;
  agents.push(agent);
  return agent;
}

function newController(options: Partial<ConstructorParameters<typeof Controller>[0]> = {}): Controller {
  controller?.close();
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], requestTimeoutMs: 2_000, ...options });
  controller.setMaxListeners(100);
  return controller;
}

beforeAll(async () => {
  server = new WsServerTransport({ id: 'ws-server', host: '127.0.0.1', port: 0, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0 });
  await server.start();
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.transport.stop()));
});

afterAll(async () => {
  controller?.close();
  await server.stop();
});

describe('Controller over the WebSocket server transport', () => {
  it('registers an agent on its connect record, asks its USP versions and remembers them', async () => {
    newController();
    const seen = waitForEvent(controller, 'agentSeen');
    const updated = waitForEvent(controller, 'agentUpdated', (a) => a.protocolVersions !== null);
    const agent = await connectAgent('proto::ws-agent-1');
    expect((await seen)[0].endpointId).toBe('proto::ws-agent-1');
    expect((await updated)[0].protocolVersions).toEqual(['1.0', '1.1', '1.2', '1.3']);
    expect(agent.requests('get_supported_protocol')).toHaveLength(1);
    const info = controller.agent('proto::ws-agent-1');
    expect(info?.online).toBe(true);
    expect(info?.addresses[0]?.address.transportId).toBe('ws-server');
  });

  it('sends every request kind and returns the parsed results, per-path errors as data', async () => {
    newController();
    const id = 'proto::ws-agent-2';
    await connectAgent(id);
    const get = await controller.get(id, ['Device.DeviceInfo.', 'Device.Nope.'], { maxDepth: 2 });
    expect(get.requestedPaths[0]?.resolved[0]?.params).toEqual({ ModelName: 'RawAgent', SerialNumber: 'SN1' });
    expect(get.requestedPaths[1]).toMatchObject({ requestedPath: 'Device.Nope.', errCode: 7026 });
    const set = await controller.set(id, { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'FriendlyName', value: 'x' }] }] });
    expect(set.updatedObjs[0]).toMatchObject({ ok: true });
    const add = await controller.add(id, { allowPartial: false, createObjs: [{ objPath: 'Device.IP.Interface.', params: [] }] });
    expect(add.createdObjs[0]).toMatchObject({ ok: true, instantiatedPath: 'Device.IP.Interface.7.' });
    const del = await controller.delete(id, { allowPartial: false, objPaths: ['Device.IP.Interface.7.'] });
    expect(del.deletedObjs[0]).toMatchObject({ ok: true, affectedPaths: ['Device.IP.Interface.7.'] });
    const op = await controller.operate(id, { command: 'Device.Reboot()', commandKey: 'k1' });
    expect(op.results).toEqual([{ executedCommand: 'Device.Reboot()', kind: 'sync', outputArgs: { Status: 'Done' } }]);
    const gsdm = await controller.getSupportedDM(id, { objPaths: ['Device.DeviceInfo.'], returnParams: true });
    expect(gsdm.requestedObjs[0]).toMatchObject({ requestedPath: 'Device.DeviceInfo.', errCode: 0 });
    expect(gsdm.requestedObjs[0]?.objects[0]?.params[0]).toMatchObject({ name: 'ModelName', access: 'readOnly', valueType: 'string' });
    const inst = await controller.getInstances(id, { objPaths: ['Device.IP.Interface.'], firstLevelOnly: true });
    expect(inst.requestedPaths[0]?.instances[0]).toEqual({ path: 'Device.IP.Interface.1.', uniqueKeys: { Alias: 'cpe-1' } });
    const gsp = await controller.getSupportedProtocol(id);
    expect(gsp.versions).toContain('1.3');
  });

  it('turns a USP Error reply into UspErrorResponse with its code and param errors', async () => {
    newController();
    const id = 'proto::ws-agent-3';
    await connectAgent(id, (msg) => (m.messageKind(msg) === 'set' ? errorFor(msg, 7004, 'Invalid arguments') : cannedAnswer(msg)));
    const error = await controller
      .set(id, { allowPartial: false, updateObjs: [{ objPath: 'Device.X.', params: [{ param: 'Y', value: '1', required: true }] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UspErrorResponse);
    expect((error as UspErrorResponse).errCode).toBe(7004);
  });

  it('times out a request the agent ignores, keeping a WebSocket agent online', async () => {
    newController();
    const id = 'proto::ws-agent-4';
    await connectAgent(id, (msg) => (m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    const error = await controller.get(id, ['Device.'], { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(controller.agent(id)?.online).toBe(true);
  });

  it('fails the pending request at once when the agent disconnects mid-request, and goes offline', async () => {
    newController();
    const id = 'proto::ws-agent-5';
    const agent = await connectAgent(id, (msg) => (m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    const offline = waitForEvent(controller, 'presenceChanged', (c: PresenceChange) => c.endpointId === id && !c.online);
    const pending = controller.get(id, ['Device.'], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    await waitUntil(() => agent.requests('get').length === 1, 'the Get to reach the agent');
    await agent.transport.stop();
    const error = await pending;
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toMatch(/connection closed/);
    expect((await offline)[0].reason).toMatch(/connection closed/);
    await expect(controller.get(id, ['Device.'])).rejects.toBeInstanceOf(AgentUnreachableError);
  });

  it('replaces the connection of an agent that reconnects, without a second registry entry', async () => {
    newController();
    const id = 'proto::ws-agent-6';
    const first = await connectAgent(id);
    // A live connection is never replaced (issue 9 #1, agent-takeover.test.ts): the agent left it first.
    await first.transport.stop();
    await waitUntil(() => server.peers().filter((p) => p.endpointId === id).length === 0, 'the old connection to close');
    await connectAgent(id);
    expect(controller.knownAgents().filter((a) => a.endpointId === id)).toHaveLength(1);
    expect(controller.agent(id)?.online).toBe(true);
    const get = await controller.get(id, ['Device.DeviceInfo.']);
    expect(get.requestedPaths).toHaveLength(1);
    // The old connection was closed on purpose; what it was still answering could not go out.
    first.dropLinkDownFailures();
  });

  it('decodes every Notify kind, answers NotifyResp and emits a retried msg_id once', async () => {
    newController({ queryProtocolOnContact: false });
    const id = 'proto::ws-agent-7';
    const agent = await connectAgent(id);
    const seen = collectEvents(controller, 'notification');
    const kinds: m.Notification[] = [
      { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: { Cause: 'LocalReboot' } },
      { kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'x' },
      { kind: 'obj_creation', objPath: 'Device.IP.Interface.3.', uniqueKeys: { Alias: 'cpe-3' } },
      { kind: 'obj_deletion', objPath: 'Device.IP.Interface.3.' },
      { kind: 'oper_complete', objPath: 'Device.', commandName: 'SelfTestDiagnostics()', commandKey: 'k', result: { ok: true, outputArgs: { Status: 'Complete' } } },
      { kind: 'on_board_req', oui: '00256D', productClass: 'RawAgent', serialNumber: 'SN1', agentSupportedProtocolVersions: '1.0,1.3' },
    ];
    const ids: string[] = [];
    for (const n of kinds) ids.push(await agent.notify(n, { sendResp: true }));
    // The agent retries the first one (its NotifyResp "lost"), and sends one without send_resp.
    await agent.notify(kinds[0]!, { sendResp: true, msgId: ids[0] });
    await agent.notify(kinds[1]!, { sendResp: false, msgId: 'no-resp-1' });
    await waitUntil(() => seen.events.length === 7, '7 notification events');
    await waitUntil(() => agent.notifyResps(ids[0]!).length === 2, 'two NotifyResps for the retried Notify');
    for (const msgId of ids.slice(1)) expect(agent.notifyResps(msgId)).toHaveLength(1);
    expect(agent.notifyResps('no-resp-1')).toHaveLength(0);
    const events = seen.events.map(([e]: [NotificationEvent]) => e);
    expect(events.map((e) => e.notification.kind)).toEqual(['event', 'value_change', 'obj_creation', 'obj_deletion', 'oper_complete', 'on_board_req', 'value_change']);
    expect(events[0]).toMatchObject({ endpointId: id, subscriptionId: 'sub-1', sendResp: true, transportId: 'ws-server' });
    expect(agent.notifyResps(ids[0]!)[0]?.body?.response?.notify_resp?.subscription_id).toBe('sub-1');
    expect(controller.agent(id)?.protocolVersions).toEqual(['1.0', '1.3']);
  });

  it('keeps per-agent requests in flight under the limit and queues the rest in order', async () => {
    newController({ maxInFlightPerAgent: 2, queryProtocolOnContact: false });
    const id = 'proto::ws-agent-8';
    let outstanding = 0;
    let peak = 0;
    const order: string[] = [];
    const paths = Array.from({ length: 8 }, (_, i) => `Device.P${i}.`);
    // Each request is held until a second one is in flight (or none can come), so the limit is
    // reached whatever the timing, instead of hoping a sleep outlasts the network.
    const held: (() => void)[] = [];
    await connectAgent(id, async (msg) => {
      outstanding++;
      peak = Math.max(peak, outstanding);
      order.push(msg.body?.request?.get?.param_paths?.[0] ?? '');
      if (outstanding < 2 && order.length < paths.length) await new Promise<void>((release) => held.push(release));
      else for (const release of held.splice(0)) release();
      outstanding--;
      return cannedAnswer(msg);
    });
    await Promise.all(paths.map((p) => controller.get(id, [p])));
    expect(peak).toBe(2);
    expect(order).toEqual(paths);
  });

  it('drops malformed and misaddressed records from one agent while another keeps working', async () => {
    newController();
    const bad = await connectAgent('proto::ws-bad');
    const good = await connectAgent('proto::ws-good');
    const drops = collectEvents(controller, 'recordDropped');
    await bad.sendBytes(new Uint8Array([0x0a, 0xff, 0xff, 0xff]));
    await bad.sendBytes(buildMsgRecord({ toId: 'self::someone-else', fromId: bad.endpointId, msg: m.buildGet('x', ['Device.']) }));
    // A Notify with no notification set: R-MTP.5 allows an Error 7004 back, since its msg_id is readable.
    await bad.sendMsg({ header: { msg_id: 'broken-1', msg_type: 3 }, body: { request: { notify: { subscription_id: 's' } } } });
    // A response nobody asked for (R-MSG.9) and a Get sent to the controller (answered 7001).
    await bad.sendMsg(respond(m.buildGet('nobody', []) as never, 'get_resp', { get_resp: {} }));
    await bad.sendMsg(m.buildGet('agent-get', ['Device.']));
    const result = await controller.get(good.endpointId, ['Device.DeviceInfo.']);
    expect(result.requestedPaths).toHaveLength(1);
    await waitUntil(() => drops.events.length === 5, '5 dropped records');
    const reasons = drops.events.map(([d]) => d.reason);
    expect(reasons[0]).toMatch(/undecodable/);
    expect(reasons[1]).toMatch(/addressed to "self::someone-else"/);
    expect(reasons[2]).toMatch(/undecodable.*Notify has no notification/);
    expect(reasons[3]).toMatch(/no request nobody pending/);
    expect(reasons[4]).toMatch(/unsupported message get/);
    await waitUntil(() => bad.requests('error').length === 2, 'two Error replies');
    expect(bad.requests('error').map((e) => [e.header?.msg_id, e.body?.error?.err_code])).toEqual([
      ['broken-1', 7004],
      ['agent-get', 7001],
    ]);
    expect(controller.agent(bad.endpointId)?.online).toBe(true);
  });

  it('lets one connection speak for one agent only, and forgets agents on request', async () => {
    newController({ queryProtocolOnContact: false });
    // An old-style client without the eid query: the controller learns the agent from the first Record.
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/usp`, 'v1.usp');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const drops = collectEvents(controller, 'recordDropped');
    const seen = waitForEvent(controller, 'agentSeen');
    socket.send(buildMsgRecord({ toId: CONTROLLER_ID, fromId: 'proto::first', msg: m.buildNotify('n1', { subscriptionId: '', sendResp: false, notification: { kind: 'obj_deletion', objPath: 'Device.X.1.' } }) }));
    expect((await seen)[0].endpointId).toBe('proto::first');
    socket.send(buildMsgRecord({ toId: CONTROLLER_ID, fromId: 'proto::second', msg: m.buildNotify('n2', { subscriptionId: '', sendResp: false, notification: { kind: 'obj_deletion', objPath: 'Device.X.1.' } }) }));
    await waitUntil(() => drops.events.length === 1, 'the impostor Record to be dropped');
    expect(drops.events[0]?.[0].reason).toMatch(/connection that belongs to "proto::first"/);
    expect(controller.agent('proto::second')).toBeUndefined();
    expect(controller.forgetAgent('proto::first')).toBe(true);
    expect(controller.knownAgents().map((a) => a.endpointId)).not.toContain('proto::first');
    socket.close();
  });

  it('serves many agents at once', async () => {
    newController();
    const many = await Promise.all(Array.from({ length: 40 }, (_, i) => connectAgent(`proto::ws-many-${i}`)));
    const results = await Promise.all(many.flatMap((a) => [1, 2, 3].map(() => controller.get(a.endpointId, ['Device.DeviceInfo.']))));
    expect(results).toHaveLength(120);
    expect(controller.knownAgents().filter((a) => a.online)).toHaveLength(40);
  });

  it('holds unknown agents for approval and talks to them once approved', async () => {
    newController({ acceptUnknownAgents: false });
    const id = 'proto::ws-held';
    const held = waitForEvent(controller, 'agentHeld');
    const agent = await connectAgent(id);
    expect((await held)[0]).toMatchObject({ endpointId: id, status: 'held' });
    await expect(controller.get(id, ['Device.'])).rejects.toBeInstanceOf(AgentNotApprovedError);
    expect(agent.requests('get_supported_protocol')).toHaveLength(0);
    controller.approveAgent(id);
    const result = await controller.get(id, ['Device.DeviceInfo.']);
    expect(result.requestedPaths).toHaveLength(1);
    controller.rejectAgent(id);
    await expect(controller.get(id, ['Device.'])).rejects.toBeInstanceOf(AgentNotApprovedError);
  });

  it('traces every Record in and out with the latency of responses', async () => {
    newController({ queryProtocolOnContact: false });
    const id = 'proto::ws-trace';
    await connectAgent(id);
    const trace = collectEvents(controller, 'trace');
    await controller.get(id, ['Device.DeviceInfo.']);
    const [out, back] = trace.events.map(([t]) => t);
    expect(out).toMatchObject({ direction: 'out', endpointId: id, messageKind: 'get', summary: 'get Device.DeviceInfo.' });
    expect(back).toMatchObject({ direction: 'in', endpointId: id, messageKind: 'get_resp', msgId: out?.msgId, recordType: 'no_session_context' });
    expect(back?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(back?.bytes.length).toBeGreaterThan(0);
  });
});
