import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentUnreachableError, Controller, RequestTimeoutError } from '../../../src/main/controller';
import { StompTransport } from '../../../src/main/mtp/stomp/stomp-transport';
import * as m from '../../../src/main/usp/messages';
import { collectEvents, startRabbitStomp, waitForEvent, waitUntil, type RabbitStompBroker } from '../../helpers';
import { RawAgent, type RequestHandler } from './raw-agent';
import { cannedAnswer } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-stomp';
const CONTROLLER_DEST = '/queue/usp-console-ctl';
const reconnect = { initialDelayMs: 200, maxDelayMs: 1000 };

let broker: RabbitStompBroker;
let transport: StompTransport;
let controller: Controller;
const agents: RawAgent[] = [];

async function startAgent(endpointId: string, handler: RequestHandler = cannedAnswer): Promise<RawAgent> {
  const destination = `/queue/agent-${endpointId.replace(/:/g, '-')}`;
  const agentTransport = new StompTransport({ id: `agent-${endpointId}`, url: broker.url, endpointId, destination, reconnect });
  await agentTransport.start();
  const agent = new RawAgent(endpointId, CONTROLLER_ID, agentTransport, agentTransport.addressFor(CONTROLLER_DEST), handler);
  agents.push(agent);
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === endpointId && c.online);
  await agent.connectRecord('stomp', { stompDestination: destination });
  await online;
  return agent;
}

beforeAll(async () => {
  broker = await startRabbitStomp();
  transport = new StompTransport({ id: 'stomp', url: broker.url, endpointId: CONTROLLER_ID, destination: CONTROLLER_DEST, reconnect });
  await transport.start();
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 5_000 });
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

describe('Controller over STOMP 1.2 (real RabbitMQ)', () => {
  it('learns the destination from the STOMPConnectRecord, runs requests and answers Notify once per retry', async () => {
    const agent = await startAgent('proto::st-1');
    expect(controller.agent(agent.endpointId)?.addresses[0]?.address).toEqual({ transportId: 'stomp', kind: 'stomp', target: '/queue/agent-proto--st-1' });
    const get = await controller.get(agent.endpointId, ['Device.DeviceInfo.']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.SerialNumber).toBe('SN1');
    await waitUntil(() => controller.agent(agent.endpointId)?.protocolVersions !== null, 'the protocol versions');
    const seen = collectEvents(controller, 'notification');
    const msgId = await agent.notify({ kind: 'obj_creation', objPath: 'Device.IP.Interface.4.', uniqueKeys: { Alias: 'cpe-4' } }, { sendResp: true });
    await agent.notify({ kind: 'obj_creation', objPath: 'Device.IP.Interface.4.', uniqueKeys: { Alias: 'cpe-4' } }, { sendResp: true, msgId });
    await waitUntil(() => agent.notifyResps(msgId).length === 2, 'two NotifyResps');
    expect(seen.events).toHaveLength(1);
  });

  it('marks a silent STOMP agent offline on a timeout', async () => {
    const agent = await startAgent('proto::st-2', (msg) => (m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    await expect(controller.get(agent.endpointId, ['Device.'], { timeoutMs: 300 })).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(controller.agent(agent.endpointId)?.online).toBe(false);
  });

  it('survives a broker restart: pending requests fail clearly, requests after it succeed', async () => {
    const agent = await startAgent('proto::st-3', (msg) => (m.messageKind(msg) === 'get' ? null : cannedAnswer(msg)));
    const pending = controller.get(agent.endpointId, ['Device.'], { timeoutMs: 60_000 }).catch((e: unknown) => e);
    await waitUntil(() => agent.requests('get').length === 1, 'the Get to reach the agent');
    const linkBack = waitForEvent(controller, 'link', (l) => l.state === 'up', 45_000);
    await broker.restart();
    const error = await pending;
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toMatch(/stomp link/);
    await linkBack;
    await waitUntil(() => agent.transport.linkState === 'up', 'the agent to reconnect', 45_000);
    agent.handler = cannedAnswer;
    expect((await controller.get(agent.endpointId, ['Device.DeviceInfo.'])).requestedPaths).toHaveLength(1);
    // Answers (e.g. to a presence probe) the agent tried while the broker was down could not go out.
    agent.dropLinkDownFailures();
  });
});
