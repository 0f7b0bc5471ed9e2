import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Controller, UspErrorResponse, type NotificationEvent } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { collectEvents, startMosquitto, waitForEvent, waitUntil, type MosquittoBroker } from '../../helpers';

const CONTROLLER_ID = 'self::usp-console-sim';
const CONTROLLER_TOPIC = 'usp/controller/usp-console-sim';

let broker: MosquittoBroker;
let mqtt: MqttTransport;
let ws: WsServerTransport;
let controller: Controller;
const sims: SimAgent[] = [];

function mqttSim(name: string, version: '5' | '3.1.1' = '5'): SimAgent {
  const agentTopic = `usp/agent/${name}`;
  const transport = new MqttTransport({
    id: `sim-${name}`,
    url: broker.url,
    clientId: '',
    protocolVersion: version === '5' ? 5 : 4,
    subscriptions: [version === '5' ? agentTopic : `${agentTopic}/#`],
    replyTopic: agentTopic,
    endpointId: `proto::${name}`,
    reconnect: { initialDelayMs: 100, maxDelayMs: 300 },
  });
  const sim = new SimAgent({
    endpointId: `proto::${name}`,
    controllerId: CONTROLLER_ID,
    transport,
    mtp: { kind: 'mqtt', controllerTopic: CONTROLLER_TOPIC, agentTopic, version },
    notifRetryMinWaitMs: 150,
    asyncCommandMs: 50,
    restartDelayMs: 50,
    tickMs: 0,
  });
  sims.push(sim);
  return sim;
}

function wsSim(name: string): SimAgent {
  const url = `ws://127.0.0.1:${ws.port}/usp`;
  const transport = new WsClientTransport({ id: `sim-${name}`, url, endpointId: `proto::${name}`, keepAliveIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
  const sim = new SimAgent({ endpointId: `proto::${name}`, controllerId: CONTROLLER_ID, transport, mtp: { kind: 'websocket', url }, asyncCommandMs: 50, tickMs: 0 });
  sims.push(sim);
  return sim;
}

async function startSim(sim: SimAgent): Promise<void> {
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === sim.endpointId && c.online);
  await sim.start();
  await online;
}

beforeAll(async () => {
  broker = await startMosquitto();
  mqtt = new MqttTransport({
    id: 'mqtt',
    url: broker.url,
    clientId: 'usp-console-sim-test',
    protocolVersion: 5,
    endpointId: CONTROLLER_ID,
    subscriptions: [CONTROLLER_TOPIC, `${CONTROLLER_TOPIC}/#`],
    replyTopic: CONTROLLER_TOPIC,
    qos: 1,
    reconnect: { initialDelayMs: 100, maxDelayMs: 300 },
  });
  ws = new WsServerTransport({ id: 'ws', host: '127.0.0.1', port: 0, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0 });
  await Promise.all([mqtt.start(), ws.start()]);
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [mqtt, ws], requestTimeoutMs: 5_000 });
  controller.setMaxListeners(200);
});

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  controller.close();
  await Promise.all([mqtt.stop(), ws.stop()]);
  await broker.stop();
});

describe('Controller with the agent simulator as the peer', () => {
  it('onboards a simulated agent: OnBoardRequest notified, versions remembered, requests of every kind', async () => {
    const onboard = waitForEvent(controller, 'notification', (n: NotificationEvent) => n.notification.kind === 'on_board_req');
    const sim = mqttSim('sim-1');
    await startSim(sim);
    const [event] = await onboard;
    expect(event).toMatchObject({ endpointId: 'proto::sim-1', sendResp: true, subscriptionId: '' });
    await waitUntil(() => controller.agent(sim.endpointId)?.protocolVersions?.join(',') === '1.0,1.1,1.2,1.3', 'the agent versions');

    const id = sim.endpointId;
    const info = await controller.get(id, ['Device.DeviceInfo.SerialNumber', 'Device.LocalAgent.EndpointID']);
    expect(info.requestedPaths.map((r) => r.errCode)).toEqual([0, 0]);
    expect(info.requestedPaths[1]?.resolved[0]?.params.EndpointID).toBe(id);
    const set = await controller.set(id, { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'FriendlyName', value: 'lab-1' }] }] });
    expect(set.updatedObjs[0]?.ok).toBe(true);
    expect((await controller.get(id, ['Device.DeviceInfo.FriendlyName'])).requestedPaths[0]?.resolved[0]?.params.FriendlyName).toBe('lab-1');
    const gsdm = await controller.getSupportedDM(id, { objPaths: ['Device.DeviceInfo.'], returnParams: true, firstLevelOnly: true });
    expect(gsdm.requestedObjs[0]?.errCode).toBe(0);
    const instances = await controller.getInstances(id, { objPaths: ['Device.LocalAgent.Controller.'], firstLevelOnly: true });
    expect(instances.requestedPaths[0]?.instances[0]?.uniqueKeys.EndpointID).toBe(CONTROLLER_ID);
    const bad = await controller.get(id, ['Device.NoSuchThing.']);
    expect(bad.requestedPaths[0]?.errCode).toBe(7026);
    const error = await controller
      .set(id, { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'SerialNumber', value: 'x', required: true }] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UspErrorResponse);
  });

  it('subscribes to ValueChange with NotifRetry and receives each change once', async () => {
    const sim = wsSim('sim-ws-vc');
    await startSim(sim);
    const id = sim.endpointId;
    const sub = await controller.createSubscription(id, { notifType: 'ValueChange', referenceList: ['Device.DeviceInfo.FriendlyName'], notifRetry: true });
    expect((await controller.listSubscriptions(id)).map((s) => s.id)).toContain(sub.id);
    const changes = collectEvents(controller, 'notification');
    await controller.set(id, { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'FriendlyName', value: 'changed' }] }] });
    await waitUntil(() => changes.events.some(([n]) => n.notification.kind === 'value_change'), 'the ValueChange notification');
    const vc = changes.events.map(([n]) => n).find((n) => n.notification.kind === 'value_change');
    expect(vc).toMatchObject({ subscriptionId: sub.id, sendResp: true, notification: { paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'changed' } });
    expect(await controller.deleteSubscription(id, sub.id)).toBe(true);
    expect((await controller.listSubscriptions(id)).map((s) => s.id)).not.toContain(sub.id);
  });

  it('runs an async command to its OperationComplete with a temporary subscription', async () => {
    const sim = mqttSim('sim-op');
    await startSim(sim);
    const before = await controller.listSubscriptions(sim.endpointId);
    const outcome = await controller.operate(sim.endpointId, {
      command: 'Device.IP.Diagnostics.IPPing()',
      inputArgs: { ProtocolVersion: 'Any', Host: '192.0.2.1', NumberOfRepetitions: '2', Timeout: '1000', DataBlockSize: '64' },
      async: true,
      ensureSubscription: true,
      completionTimeoutMs: 5_000,
    });
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]).toMatchObject({ executedCommand: 'Device.IP.Diagnostics.IPPing()', kind: 'completed' });
    expect(outcome.results[0]?.kind === 'completed' && outcome.results[0].outputArgs.Status).toBeTruthy();
    expect(outcome.temporarySubscription).toBeDefined();
    expect(await controller.listSubscriptions(sim.endpointId)).toEqual(before);
  });

  it('sees Boot! with the command key after Reboot() when subscribed persistently', async () => {
    const sim = mqttSim('sim-reboot', '3.1.1');
    await startSim(sim);
    await controller.createSubscription(sim.endpointId, { notifType: 'Event', referenceList: ['Device.Boot!'], persistent: true, notifRetry: true });
    const boot = waitForEvent(controller, 'notification', (n) => n.endpointId === sim.endpointId && n.notification.kind === 'event' && n.notification.eventName === 'Boot!', 15_000);
    const reboot = await controller.operate(sim.endpointId, { command: 'Device.Reboot()', commandKey: 'reboot-42' });
    expect(reboot.results[0]?.kind).toBe('sync');
    const [event] = await boot;
    expect(event.notification.kind === 'event' && event.notification.params).toMatchObject({ CommandKey: 'reboot-42', Cause: 'RemoteReboot' });
  });

  it('after a broker restart, takes a simulated agent back online once it is heard from again', async () => {
    const sim = mqttSim('sim-restart');
    await startSim(sim);
    const offline = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === sim.endpointId && !c.online, 20_000);
    const back = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === sim.endpointId && c.online, 30_000);
    await broker.restart();
    expect((await offline)[0].reason).toMatch(/mqtt link/);
    expect((await back)[0].reason).toMatch(/^(connected over MQTT broker at 127\.0\.0\.1:\d+, topic usp\/agent\/sim-restart \(MQTTConnectRecord\)|a GET_SUPPORTED_PROTO_RESP received over MQTT broker)/);
    expect((await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber'])).requestedPaths[0]?.errCode).toBe(0);
  });

  it('serves many simulated agents at once over MQTT and WebSocket', async () => {
    const fleet = [...Array.from({ length: 25 }, (_, i) => mqttSim(`fleet-m${i}`)), ...Array.from({ length: 25 }, (_, i) => wsSim(`fleet-w${i}`))];
    await Promise.all(fleet.map(startSim));
    const results = await Promise.all(fleet.map((s) => controller.get(s.endpointId, ['Device.DeviceInfo.'])));
    expect(results.every((r) => r.requestedPaths[0]?.errCode === 0)).toBe(true);
    expect(new Set(results.map((r) => r.requestedPaths[0]?.resolved[0]?.params.SerialNumber)).size).toBe(50);
  });
});
