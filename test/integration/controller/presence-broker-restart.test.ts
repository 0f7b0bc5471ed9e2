import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { startMosquitto, waitForEvent, waitUntil, type MosquittoBroker } from '../../helpers';
import { RawAgent } from './raw-agent';
import * as m from '../../../src/main/usp/messages';
import { cannedAnswer } from './usp-responses';

// Issue 9 finding 6: presence survives a broker restart and a console restart.
const CONTROLLER_ID = 'self::usp-console-presence';
const CONTROLLER_TOPIC = 'usp/controller/presence';
const AGENT_ID = 'proto::presence-1';
const AGENT_TOPIC = 'usp/agent/presence-1';

let broker: MosquittoBroker;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

function controllerTransport(id: string): MqttTransport {
  const t = new MqttTransport({
    id: 'mqtt', url: broker.url, clientId: id, protocolVersion: 5, endpointId: CONTROLLER_ID,
    subscriptions: [CONTROLLER_TOPIC], replyTopic: CONTROLLER_TOPIC, reconnect: { initialDelayMs: 50, maxDelayMs: 100 },
  });
  cleanups.push(() => t.stop());
  return t;
}

/** An agent whose client comes back slower than the controller's, and sends nothing on its own. */
async function slowAgent(clientId = 'presence-agent', answer: ConstructorParameters<typeof RawAgent>[4] = cannedAnswer): Promise<{ agent: RawAgent; transport: MqttTransport }> {
  const t = new MqttTransport({
    id: 'agent', url: broker.url, clientId, protocolVersion: 5, endpointId: AGENT_ID,
    subscriptions: [AGENT_TOPIC], replyTopic: AGENT_TOPIC, reconnect: { initialDelayMs: 1_500, maxDelayMs: 1_500 },
  });
  cleanups.push(() => t.stop());
  await t.start();
  return { agent: new RawAgent(AGENT_ID, CONTROLLER_ID, t, t.addressFor(CONTROLLER_TOPIC), answer), transport: t };
}

beforeAll(async () => {
  broker = await startMosquitto();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await broker.stop();
});

describe('presence of MQTT agents', () => {
  it('brings an agent back after a broker restart although the first probe timed out before it re-subscribed', { timeout: 60_000 }, async () => {
    const transport = controllerTransport('presence-ctl-1');
    await transport.start();
    const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 1_000, presenceProbe: { initialDelayMs: 300, maxDelayMs: 600 } });
    cleanups.push(() => controller.close());
    const { agent } = await slowAgent();
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await agent.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
    await online;
    const offline = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && !c.online);
    const back = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online, 30_000);
    const probesBefore = agent.requests('get_supported_protocol').length;
    await broker.restart();
    await offline;
    await back;
    expect(agent.requests('get_supported_protocol').length).toBeGreaterThan(probesBefore);
    expect(controller.agent(AGENT_ID)?.online).toBe(true);
  });

  it('probes the MQTT agents known from the store after a console restart instead of leaving them offline', { timeout: 60_000 }, async () => {
    const first = controllerTransport('presence-ctl-2');
    await first.start();
    const before = new Controller({ endpointId: CONTROLLER_ID, transports: [first], requestTimeoutMs: 1_000 });
    const { agent } = await slowAgent();
    const online = waitForEvent(before, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await agent.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
    await online;
    const saved = before.knownAgents();
    before.close();
    await first.stop();

    // The console starts again: registry from the store, then its transports.
    const after = new Controller({ endpointId: CONTROLLER_ID, requestTimeoutMs: 1_000 });
    cleanups.push(() => after.close());
    after.restoreAgents(saved.map((a) => ({ ...a, addresses: a.addresses.map(({ address, lastSeenAt }) => ({ address, lastSeenAt })) })));
    expect(after.agent(AGENT_ID)?.online).toBe(false);
    const back = waitForEvent(after, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    const second = controllerTransport('presence-ctl-3');
    after.addTransport(second);
    await second.start();
    await back;
    await waitUntil(() => after.agent(AGENT_ID)?.online === true, 'the restored agent online');
  });

  it('takes a request timeout right after the link came up as absence once the agent has spoken over the link since', { timeout: 30_000 }, async () => {
    const transport = controllerTransport('presence-ctl-4');
    // A long request timeout: leaving the judgement to a probe would keep the agent online that long.
    const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 60_000 });
    cleanups.push(() => controller.close());
    await transport.start();
    const { agent, transport: agentTransport } = await slowAgent('presence-agent-4');
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await agent.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
    await online;
    // The agent leaves without a word (mid-answer, maybe), within a second of the controller's link coming up.
    agent.dropLinkDownFailures();
    await agentTransport.stop();
    await expect(controller.get(AGENT_ID, ['Device.DeviceInfo.'], { timeoutMs: 200 })).rejects.toThrow(/within 200 ms/);
    expect(controller.agent(AGENT_ID)).toMatchObject({ online: false, presenceReason: expect.stringMatching(/^no response to .* within 200 ms$/) });
  });

  it('keeps online an agent that spoke after a request left, when that request times out (it was lost, not unanswered)', { timeout: 30_000 }, async () => {
    const transport = controllerTransport('presence-ctl-5');
    const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 60_000 });
    cleanups.push(() => controller.close());
    await transport.start();
    // The first Get never reaches the agent (as when it was sent before the agent re-subscribed
    // after a broker restart); everything else is answered.
    let lostOne = false;
    const { agent } = await slowAgent('presence-agent-5', (request) => {
      if (m.messageKind(request) === 'get' && !lostOne) {
        lostOne = true;
        return null;
      }
      return cannedAnswer(request);
    });
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await agent.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
    await online;
    const lost = controller.get(AGENT_ID, ['Device.DeviceInfo.'], { timeoutMs: 1_500 });
    await waitUntil(() => lostOne, 'the Get lost');
    await agent.connectRecord('mqtt', { subscribedTopic: AGENT_TOPIC });
    await expect(lost).rejects.toThrow(/within 1500 ms/);
    expect(controller.agent(AGENT_ID)?.online).toBe(true);
  });
});
