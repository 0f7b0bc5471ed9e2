import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { SettingsService } from '../../../src/main/services/settings-service';
import { Store } from '../../../src/main/store/store';
import * as m from '../../../src/main/usp/messages';
import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import { freePort, waitUntil } from '../../helpers';
import { tempDir } from '../../helpers/temp-dir';
import { RawAgent, type RequestHandler } from '../controller/raw-agent';
import { cannedAnswer } from '../controller/usp-responses';

// DeviceInfo is read when an agent comes online; a read that is lost is tried again (issue 10 review).
const CONTROLLER_ID = 'self::usp-console-onboarding';
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The console with a saved request timeout of 500 ms, listening for WebSocket agents. */
async function startConsole(): Promise<{ app: App; port: number; warnings: string[] }> {
  const dataDir = await tempDir();
  const store = Store.open(dataDir, { appVersion: 'test' });
  new SettingsService(store.settings).update({ requestTimeoutMs: 500 });
  store.close();
  const port = await freePort();
  const warnings: string[] = [];
  const app = await createApp({
    dataDir,
    host: 'web',
    appVersion: 'test',
    warn: (message) => warnings.push(message),
    controllerEndpointId: CONTROLLER_ID,
    webSocketListeners: [{ id: 'ws-test', name: 'test', enabled: true, host: '127.0.0.1', port, path: '/usp' }],
  });
  cleanups.push(() => app.close());
  return { app, port, warnings };
}

async function wsAgent(port: number, endpointId: string, handler: RequestHandler): Promise<RawAgent> {
  const transport = new WsClientTransport({ id: `agent-${endpointId}`, url: `ws://127.0.0.1:${port}/usp`, endpointId, keepAliveIntervalMs: 0 });
  cleanups.push(() => transport.stop());
  await transport.start();
  const agent = new RawAgent(endpointId, CONTROLLER_ID, transport, transport.peerAddress, handler);
  await agent.connectRecord('websocket');
  return agent;
}

const isDeviceInfoGet = (msg: usp.Msg): boolean => m.messageKind(msg) === 'get' && (msg.body?.request?.get?.param_paths ?? []).includes('Device.DeviceInfo.');

describe('onboarding reads of DeviceInfo', () => {
  it('identifies an agent that dropped the first DeviceInfo Get, by trying again', async () => {
    const { app, port } = await startConsole();
    let dropped = 0;
    const agent = await wsAgent(port, 'proto::drops-first', (msg) => (isDeviceInfoGet(msg) && dropped++ === 0 ? null : cannedAnswer(msg)));
    await waitUntil(() => app.store.agents.get('proto::drops-first')?.modelName === 'RawAgent', 'the agent identified', 20_000);
    expect(agent.received.filter(isDeviceInfoGet)).toHaveLength(2);
    expect(app.store.agents.get('proto::drops-first')).toMatchObject({ modelName: 'RawAgent', serialNumber: 'SN1' });
  });

  it('shows a read that fails for good on the agent and in the log', async () => {
    const { app, port, warnings } = await startConsole();
    const refuse: RequestHandler = (msg) =>
      isDeviceInfoGet(msg)
        ? {
            header: { msg_id: msg.header?.msg_id ?? '', msg_type: m.MSG_TYPE_OF_KIND.get_resp },
            body: { response: { get_resp: { req_path_results: [{ requested_path: 'Device.DeviceInfo.', err_code: 7026, err_msg: 'Invalid path' }] } } },
          }
        : cannedAnswer(msg);
    await wsAgent(port, 'proto::no-device-info', refuse);
    const expected = 'could not read Device.DeviceInfo. (attempt 1 of 5): 7026 Invalid path';
    await waitUntil(() => app.controller.agent('proto::no-device-info')?.warnings.some((w) => w.message === expected) === true, 'the warning on the agent', 20_000);
    expect(warnings).toContain(`proto::no-device-info: ${expected}`);
    expect((await app.api.listAgents()).find((a) => a.agentId === 'proto::no-device-info')?.warnings).toEqual([expect.objectContaining({ message: expected })]);
    expect(app.store.agents.get('proto::no-device-info')?.modelName).toBeNull();
  });
});
