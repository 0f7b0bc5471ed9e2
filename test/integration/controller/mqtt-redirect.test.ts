import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Controller, type ControllerWarning } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { startMosquitto, waitForEvent, type MosquittoBroker } from '../../helpers';
import { RawAgent, type RequestHandler } from './raw-agent';
import { cannedAnswer } from './usp-responses';

// Issue 9 finding 2: a spoofed MQTT Connect Record must not redirect a known agent's traffic.
const CONTROLLER_ID = 'self::usp-console-redirect';
const CONTROLLER_TOPIC = 'usp/controller/redirect';
const AGENT_ID = 'proto::mq-redirect';

let broker: MosquittoBroker;
let transport: MqttTransport;
let controller: Controller;
const stops: (() => Promise<void>)[] = [];

async function mqttAgent(clientId: string, topic: string, handler: RequestHandler): Promise<RawAgent> {
  const t = new MqttTransport({
    id: clientId,
    url: broker.url,
    clientId,
    protocolVersion: 5,
    endpointId: AGENT_ID,
    subscriptions: [topic],
    replyTopic: topic,
    reconnect: { initialDelayMs: 100, maxDelayMs: 300 },
  });
  await t.start();
  stops.push(() => t.stop());
  return new RawAgent(AGENT_ID, CONTROLLER_ID, t, t.addressFor(CONTROLLER_TOPIC), handler);
}

const warning = (pattern: RegExp): Promise<[ControllerWarning]> =>
  waitForEvent(controller, 'warning', (w: ControllerWarning) => w.endpointId === AGENT_ID && pattern.test(w.message));

beforeAll(async () => {
  broker = await startMosquitto();
  transport = new MqttTransport({
    id: 'mqtt',
    url: broker.url,
    clientId: 'controller-redirect',
    protocolVersion: 5,
    endpointId: CONTROLLER_ID,
    subscriptions: [CONTROLLER_TOPIC],
    replyTopic: CONTROLLER_TOPIC,
    reconnect: { initialDelayMs: 100, maxDelayMs: 300 },
  });
  await transport.start();
});

afterEach(async () => {
  controller?.close();
  for (const stop of stops.splice(0)) await stop();
});

afterAll(async () => {
  await transport.stop();
  await broker.stop();
});

describe('reply topic of a known MQTT agent', () => {
  it('ignores a Connect Record naming another topic until the agent answers there, and says so on the agent', async () => {
    controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 1_500 });
    const agent = await mqttAgent('real-agent', 'usp/agent/real', cannedAnswer);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await agent.connectRecord('mqtt', { subscribedTopic: 'usp/agent/real' });
    await online;

    // The impostor listens on its own topic and never answers as the agent.
    const impostor = await mqttAgent('impostor', 'usp/agent/evil', () => null);
    const asking = warning(/new reply address "usp\/agent\/evil"/);
    const kept = warning(/kept reply address "usp\/agent\/real"/);
    await impostor.connectRecord('mqtt', { subscribedTopic: 'usp/agent/evil' });
    await asking;
    expect(controller.agent(AGENT_ID)?.addresses[0]?.address.target).toBe('usp/agent/real');
    await kept;
    expect(controller.agent(AGENT_ID)?.addresses.map((a) => a.address.target)).toEqual(['usp/agent/real']);
    expect(impostor.requests('get_supported_protocol')).toHaveLength(1);
    // The console's requests still go to the real agent only.
    await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(agent.requests('get')).toHaveLength(1);
    expect(impostor.requests('get')).toHaveLength(0);
    expect(controller.agent(AGENT_ID)?.warnings.map((w) => w.message)[0]).toMatch(/kept reply address/);
  });

  it('moves to the new topic once the agent answers a request sent there', async () => {
    controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 1_500 });
    const before = await mqttAgent('agent-before', 'usp/agent/old', cannedAnswer);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await before.connectRecord('mqtt', { subscribedTopic: 'usp/agent/old' });
    await online;
    await before.transport.stop();

    const after = await mqttAgent('agent-after', 'usp/agent/new', cannedAnswer);
    const changed = warning(/reply address changed from "usp\/agent\/old" to "usp\/agent\/new"/);
    await after.connectRecord('mqtt', { subscribedTopic: 'usp/agent/new' });
    await changed;
    expect(controller.agent(AGENT_ID)?.addresses[0]?.address.target).toBe('usp/agent/new');
    await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(after.requests('get')).toHaveLength(1);
    // The first client left the broker on purpose; what it was still answering could not go out.
    before.dropLinkDownFailures();
  });
});
