import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentUnreachableError, Controller } from '../../../src/main/controller';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { UdsServerTransport } from '../../../src/main/mtp/uds/uds-server-transport';
import * as m from '../../../src/main/usp/messages';
import { removeTempDir, tempDir, waitForEvent, waitUntil } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-uds';

let dir: string;
let server: UdsServerTransport;
let controller: Controller;

beforeAll(async () => {
  dir = await tempDir('usp-uds-ctl-');
  server = new UdsServerTransport({ id: 'uds', path: join(dir, 'controller.sock'), endpointId: CONTROLLER_ID });
  await server.start();
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], requestTimeoutMs: 3_000 });
});

afterAll(async () => {
  controller.close();
  await server.stop();
  await removeTempDir(dir);
});

describe('Controller over a Unix domain socket', () => {
  it('talks to a local agent after its handshake and uds_connect, and fails its requests when it goes', async () => {
    const id = 'proto::uds-agent';
    const client = new UdsClientTransport({ id: 'agent', path: join(dir, 'controller.sock'), endpointId: id });
    const agent = new RawAgent(id, CONTROLLER_ID, client, client.peerAddress, (msg) =>
      m.messageKind(msg) === 'get' && msg.body?.request?.get?.param_paths?.[0] === 'Device.Slow.' ? null : cannedAnswer(msg),
    );
    const online = controller.waitForAgent(id, 10_000);
    await expect(controller.waitForAgent('proto::nobody', 50)).rejects.toBeInstanceOf(AgentUnreachableError);
    await client.start();
    await agent.connectRecord('uds');
    expect((await online).endpointId).toBe(id);
    expect((await controller.waitForAgent(id, 1)).online).toBe(true);
    expect(controller.agent(id)?.addresses[0]?.address.kind).toBe('uds');
    const get = await controller.get(id, ['Device.DeviceInfo.']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.ModelName).toBe('RawAgent');
    await waitUntil(() => controller.agent(id)?.protocolVersions !== null, 'the protocol versions');

    const pending = controller.get(id, ['Device.Slow.'], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    await waitUntil(() => agent.requests('get').length === 2, 'the slow Get to reach the agent');
    const offline = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === id && !c.online);
    await client.stop();
    expect(await pending).toBeInstanceOf(AgentUnreachableError);
    expect((await offline)[0].reason).toMatch(/connection closed/);
  });
});
