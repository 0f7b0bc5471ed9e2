import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { collectEvents, startMosquitto, waitForEvent, waitUntil, type MosquittoBroker } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-multi';
const AGENT_ID = 'proto::two-mtps';
const CONTROLLER_TOPIC = 'usp/controller/multi';
const AGENT_TOPIC = 'usp/agent/two-mtps';

let broker: MosquittoBroker;
let mqtt: MqttTransport;
let ws: WsServerTransport;
let controller: Controller;
let overMqtt: RawAgent;
let overWs: RawAgent;

beforeAll(async () => {
  broker = await startMosquitto();
  mqtt = new MqttTransport({ id: 'mqtt', url: broker.url, clientId: 'multi-ctl', protocolVersion: 5, endpointId: CONTROLLER_ID, subscriptions: [CONTROLLER_TOPIC], replyTopic: CONTROLLER_TOPIC });
  ws = new WsServerTransport({ id: 'ws', host: '127.0.0.1', port: 0, keepAliveIntervalMs: 0 });
  await Promise.all([mqtt.start(), ws.start()]);
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [mqtt, ws], queryProtocolOnContact: false });
  // One agent, two MTPs: the same Endpoint ID over MQTT and over WebSocket.
  const agentMqtt = new MqttTransport({ id: 'agent-mqtt', url: broker.url, clientId: 'multi-agent', protocolVersion: 5, endpointId: AGENT_ID, subscriptions: [AGENT_TOPIC], replyTopic: AGENT_TOPIC });
  const agentWs = new WsClientTransport({ id: 'agent-ws', url: `ws://127.0.0.1:${ws.port}/usp`, endpointId: AGENT_ID, keepAliveIntervalMs: 0 });
  await Promise.all([agentMqtt.start(), agentWs.start()]);
  overMqtt = new RawAgent(AGENT_ID, CONTROLLER_ID, agentMqtt, agentMqtt.addressFor(CONTROLLER_TOPIC), cannedAnswer);
  overWs = new RawAgent(AGENT_ID, CONTROLLER_ID, agentWs, agentWs.peerAddress, cannedAnswer);
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.online);
  await overMqtt.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
  await online;
  await overWs.connectRecord('websocket');
  await waitUntil(() => controller.agent(AGENT_ID)?.addresses.length === 2, 'both addresses');
});

afterAll(async () => {
  controller.close();
  await Promise.all([overMqtt.transport.stop(), overWs.transport.stop()]);
  await Promise.all([mqtt.stop(), ws.stop()]);
  await broker.stop();
});

describe('Controller with an agent on two MTPs', () => {
  it('answers the same Notify on each MTP it came over and emits it once', async () => {
    const seen = collectEvents(controller, 'notification');
    const notification = { kind: 'obj_deletion' as const, objPath: 'Device.IP.Interface.2.' };
    await overMqtt.notify(notification, { sendResp: true, msgId: 'ObjectDeletion-dup-1' });
    await overWs.notify(notification, { sendResp: true, msgId: 'ObjectDeletion-dup-1' });
    await waitUntil(() => overMqtt.notifyResps('ObjectDeletion-dup-1').length === 1 && overWs.notifyResps('ObjectDeletion-dup-1').length === 1, 'a NotifyResp on each MTP');
    expect(seen.events).toHaveLength(1);
  });

  it('sends requests over the most recently used MTP and falls back when that one closes', async () => {
    await overWs.notify({ kind: 'value_change', paramPath: 'Device.X', paramValue: '1' });
    await waitUntil(() => controller.agent(AGENT_ID)?.addresses[0]?.address.transportId === 'ws', 'the WebSocket address to be preferred');
    await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(overWs.requests('get')).toHaveLength(1);
    expect(overMqtt.requests('get')).toHaveLength(0);
    await overWs.transport.stop();
    await waitUntil(() => controller.agent(AGENT_ID)?.addresses.find((a) => a.address.transportId === 'ws')?.open === false, 'the WebSocket address to close');
    expect(controller.agent(AGENT_ID)?.online).toBe(true);
    await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(overMqtt.requests('get')).toHaveLength(1);
  });
});
