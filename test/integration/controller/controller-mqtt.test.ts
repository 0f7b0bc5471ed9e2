import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentUnreachableError, Controller, RequestTimeoutError, type PresenceChange } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import * as m from '../../../src/main/usp/messages';
import { buildDisconnectRecord } from '../../../src/main/usp/record';
import { collectEvents, startMosquitto, waitForEvent, waitUntil, type MosquittoBroker } from '../../helpers';
import { RawAgent, type RequestHandler } from './raw-agent';
import { cannedAnswer } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-mqtt';
const CONTROLLER_TOPIC = 'usp/controller/usp-console';

describe.each([
  { version: 5 as const, name: 'MQTT 5' },
  { version: 4 as const, name: 'MQTT 3.1.1' },
])('Controller over $name (real Mosquitto)', ({ version }) => {
  let broker: MosquittoBroker;
  let transport: MqttTransport;
  let controller: Controller;
  const agents: RawAgent[] = [];
  const reconnect = { initialDelayMs: 100, maxDelayMs: 300 };

  async function startAgent(endpointId: string, handler: RequestHandler = cannedAnswer, sendConnect = true): Promise<RawAgent> {
    const topic = `usp/agent/${endpointId.replace(/:/g, '-')}`;
    const agentTransport = new MqttTransport({
      id: `agent-${endpointId}`,
      url: broker.url,
      clientId: `${endpointId}-v${version}`,
      protocolVersion: version,
      endpointId,
      subscriptions: [topic, `${topic}/#`],
      replyTopic: topic,
      reconnect,
    });
    await agentTransport.start();
    const agent = new RawAgent(endpointId, CONTROLLER_ID, agentTransport, agentTransport.addressFor(CONTROLLER_TOPIC), handler);
    agents.push(agent);
    if (sendConnect) {
      const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === endpointId && c.online);
      await agent.connectRecord('mqtt', { mqttVersion: version === 5 ? 'V5' : 'V3_1_1', subscribedTopic: topic });
      await online;
    }
    return agent;
  }

  beforeAll(async () => {
    broker = await startMosquitto();
    transport = new MqttTransport({
      id: 'mqtt',
      url: broker.url,
      clientId: `controller-v${version}`,
      protocolVersion: version,
      endpointId: CONTROLLER_ID,
      subscriptions: [CONTROLLER_TOPIC, `${CONTROLLER_TOPIC}/#`],
      replyTopic: CONTROLLER_TOPIC,
      qos: 1,
      reconnect,
    });
    await transport.start();
    controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 3_000 });
    controller.setMaxListeners(100);
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.transport.stop()));
  });

  afterAll(async () => {
    controller.close();
    await transport.stop();
    await broker.stop();
  });

  it('learns the agent topic from its MQTTConnectRecord and asks its USP versions', async () => {
    const updated = waitForEvent(controller, 'agentUpdated', (a) => a.endpointId === 'proto::mq-1' && a.protocolVersions !== null);
    await startAgent('proto::mq-1');
    await updated;
    const info = controller.agent('proto::mq-1');
    expect(info?.addresses[0]?.address).toEqual({ transportId: 'mqtt', kind: 'mqtt', target: 'usp/agent/proto--mq-1' });
    expect(info?.protocolVersions).toEqual(['1.0', '1.1', '1.2', '1.3']);
  });

  it('runs requests of every kind and answers Notify with NotifyResp on the agent topic, once per retry', async () => {
    const agent = await startAgent('proto::mq-2');
    const get = await controller.get(agent.endpointId, ['Device.DeviceInfo.']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.ModelName).toBe('RawAgent');
    expect((await controller.operate(agent.endpointId, { command: 'Device.Reboot()' })).results[0]?.kind).toBe('sync');
    expect((await controller.getInstances(agent.endpointId, { objPaths: ['Device.IP.Interface.'] })).requestedPaths).toHaveLength(1);
    expect((await controller.add(agent.endpointId, { allowPartial: true, createObjs: [{ objPath: 'Device.X.', params: [] }] })).createdObjs).toHaveLength(1);
    const seen = collectEvents(controller, 'notification');
    const msgId = await agent.notify({ kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'y' }, { sendResp: true });
    await agent.notify({ kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'y' }, { sendResp: true, msgId });
    await waitUntil(() => agent.notifyResps(msgId).length === 2, 'two NotifyResps');
    expect(seen.events).toHaveLength(1);
    expect(seen.events[0]?.[0]).toMatchObject({ endpointId: agent.endpointId, transportId: 'mqtt', msgId });
  });

  it('reaches an agent known only from the reply topic of its records', async () => {
    const agent = await startAgent('proto::mq-3', cannedAnswer, false);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === agent.endpointId && c.online);
    await agent.notify({ kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: {} });
    await online;
    expect(controller.agent(agent.endpointId)?.addresses[0]?.address.target).toBe('usp/agent/proto--mq-3');
    expect((await controller.get(agent.endpointId, ['Device.'])).requestedPaths).toHaveLength(1);
  });

  it('marks a silent broker agent offline when a request times out, and online again when it speaks', async () => {
    let silent = true;
    const agent = await startAgent('proto::mq-4', (msg) => (silent && m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    const offline = waitForEvent(controller, 'presenceChanged', (c: PresenceChange) => c.endpointId === agent.endpointId && !c.online);
    await expect(controller.get(agent.endpointId, ['Device.'], { timeoutMs: 200 })).rejects.toBeInstanceOf(RequestTimeoutError);
    expect((await offline)[0].reason).toMatch(/no response to .* within 200 ms/);
    silent = false;
    // The topic stays usable: the next request goes out and its answer brings the agent back.
    expect((await controller.get(agent.endpointId, ['Device.'])).requestedPaths).toHaveLength(1);
    expect(controller.agent(agent.endpointId)?.online).toBe(true);
  });

  it('fails a pending request when the agent sends a DisconnectRecord mid-request', async () => {
    const agent = await startAgent('proto::mq-5', (msg) => (m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    const pending = controller.get(agent.endpointId, ['Device.'], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    await waitUntil(() => agent.requests('get').length === 1, 'the Get to reach the agent');
    await agent.sendBytes(buildDisconnectRecord({ toId: CONTROLLER_ID, fromId: agent.endpointId, reason: 'shutting down', reasonCode: 0 }));
    const error = await pending;
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toMatch(/DisconnectRecord 0: shutting down/);
    expect(controller.agent(agent.endpointId)?.online).toBe(false);
  });

  it('keeps serving other agents while one sends garbage, and many agents at once', async () => {
    const bad = await startAgent('proto::mq-bad');
    const drops = collectEvents(controller, 'recordDropped');
    await bad.sendBytes(new Uint8Array([1, 2, 3, 4, 5]));
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => startAgent(`proto::mq-many-${i}`)));
    const results = await Promise.all(many.map((a) => controller.get(a.endpointId, ['Device.DeviceInfo.'])));
    expect(results).toHaveLength(20);
    await waitUntil(() => drops.events.length >= 1, 'the garbage to be dropped');
    expect(drops.events[0]?.[0].reason).toMatch(/undecodable/);
  });

  it('survives a broker restart: agents go offline with the link, requests fail clearly, and work after reconnect', async () => {
    const agent = await startAgent('proto::mq-restart', (msg) => (m.messageKind(msg) === 'get' && msg.body?.request?.get?.param_paths?.[0] === 'Device.Slow.' ? null : cannedAnswer(msg)));
    const pending = controller.get(agent.endpointId, ['Device.Slow.'], { timeoutMs: 20_000 }).catch((e: unknown) => e);
    await waitUntil(() => agent.requests('get').length === 1, 'the slow Get to reach the agent');
    const offline = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === agent.endpointId && !c.online);
    const linkUp = waitForEvent(controller, 'link', (l) => l.state === 'up', 20_000);
    await broker.restart();
    expect((await offline)[0].reason).toMatch(/mqtt link/);
    const error = await pending;
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toMatch(/mqtt link/);
    await linkUp;
    await waitUntil(() => agent.transport.linkState === 'up', 'the agent to reconnect', 20_000);
    expect((await controller.get(agent.endpointId, ['Device.DeviceInfo.'])).requestedPaths).toHaveLength(1);
    expect(controller.agent(agent.endpointId)?.online).toBe(true);
    // Answers (e.g. to a presence probe) the agent tried while the broker was down could not go out.
    agent.dropLinkDownFailures();
  });

  it('reaches an agent configured by its topic alone (out-of-band provisioning, CLI --agent-topic)', async () => {
    const agent = await startAgent('proto::mq-configured', cannedAnswer, false);
    const info = controller.addAgent(agent.endpointId, transport.addressFor('usp/agent/proto--mq-configured'));
    expect(info).toMatchObject({ status: 'accepted', online: false });
    // First contact also asks the agent's USP versions: the test ends after that exchange, not during it.
    const versions = waitForEvent(controller, 'agentUpdated', (a) => a.endpointId === agent.endpointId && a.protocolVersions !== null);
    expect((await controller.get(agent.endpointId, ['Device.DeviceInfo.'])).requestedPaths).toHaveLength(1);
    expect(controller.agent(agent.endpointId)?.online).toBe(true);
    await versions;
  });

  it('talks to a restored agent over its persisted topic before hearing from it', async () => {
    const agent = await startAgent('proto::mq-restored', cannedAnswer, false);
    // The suite's controller lets go of the transport meanwhile (transports come and go at runtime).
    controller.removeTransport('mqtt');
    const fresh = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], queryProtocolOnContact: false });
    try {
      fresh.restoreAgents([
        {
          endpointId: agent.endpointId,
          status: 'accepted',
          firstSeenAt: 1,
          lastSeenAt: 1,
          addresses: [{ address: { transportId: 'mqtt', kind: 'mqtt', target: 'usp/agent/proto--mq-restored' }, lastSeenAt: 1 }],
          protocolVersions: ['1.3'],
        },
      ]);
      expect(fresh.agent(agent.endpointId)?.online).toBe(false);
      expect((await fresh.get(agent.endpointId, ['Device.DeviceInfo.'])).requestedPaths).toHaveLength(1);
      expect(fresh.agent(agent.endpointId)?.online).toBe(true);
      await expect(controller.get('proto::mq-1', ['Device.'])).rejects.toBeInstanceOf(AgentUnreachableError);
    } finally {
      fresh.close();
      controller.addTransport(transport);
    }
  });
});
