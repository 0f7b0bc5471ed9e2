import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/main/controller';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { freePort, waitForEvent, waitUntil } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-dialer';
const AGENT_ID = 'proto::ws-server-agent';

let agentServer: WsServerTransport;
let client: WsClientTransport;
let controller: Controller;
let agent: RawAgent;

beforeAll(async () => {
  // The agent runs the WebSocket server (R-WS.6) and announces itself in the extension, as obuspa does.
  agentServer = new WsServerTransport({ id: 'agent-server', host: '127.0.0.1', port: await freePort(), endpointId: AGENT_ID, keepAliveIntervalMs: 0 });
  await agentServer.start();
  agent = new RawAgent(AGENT_ID, CONTROLLER_ID, agentServer, agentServer.addressFor('unused'), cannedAnswer);
  client = new WsClientTransport({ id: 'dialer', url: `ws://127.0.0.1:${agentServer.port}/usp`, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 100 } });
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [client], requestTimeoutMs: 3_000, queryProtocolOnContact: false });
});

afterAll(async () => {
  controller.close();
  await client.stop();
  await agentServer.stop();
});

describe('Controller dialling an agent with the WebSocket client transport', () => {
  it('reaches an agent configured by address before any Record from it, and again after a reconnect', async () => {
    await client.start();
    const info = controller.addAgent(AGENT_ID, client.peerAddress);
    expect(info).toMatchObject({ endpointId: AGENT_ID, status: 'accepted', online: true });
    const get = await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.ModelName).toBe('RawAgent');
    expect(agent.requests('get')).toHaveLength(1);

    // The agent drops the session; the client reconnects to the same URL and the agent is online again.
    const offline = waitForEvent(controller, 'presenceChanged', (c) => !c.online);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.online, 10_000);
    await agentServer.stop();
    await agentServer.start();
    await offline;
    await online;
    await waitUntil(() => client.linkState === 'up', 'the client to reconnect');
    expect((await controller.get(AGENT_ID, ['Device.DeviceInfo.'])).requestedPaths).toHaveLength(1);
  });
});
