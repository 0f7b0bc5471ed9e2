import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../src/main/api/hosts/web/web-host';
import { createApp, type App } from '../../../src/main/app/create-app';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { websocketAgentLink } from '../../../src/main/sim/sim-transports';
import { createWebClient, type WebConsoleApi, type WebSocketConstructor } from '../../../src/renderer/api/web-client';
import type { NotificationRecord } from '../../../src/shared/console-api';
import { waitUntil } from '../../helpers/events';
import { freePort } from '../../helpers/free-port';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const AGENT = 'proto::whole-app-gw';
const MAPPING = 'Device.NAT.PortMapping.1.';

/** Polls an async condition (an API call) until it holds. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  let pending = false;
  await waitUntil(() => {
    if (last !== undefined && ok(last)) return true;
    if (!pending) {
      pending = true;
      void read().then((value) => {
        last = value;
        pending = false;
      });
    }
    return false;
  }, what);
  return last as T;
}

// The whole product as `usp-console serve` assembles it: createApp with a WebSocket listener,
// the web host in front of its dispatcher, the browser's API client over the token-protected
// WebSocket, and a simulated agent connecting over the USP WebSocket MTP.
describe('the whole app with an agent', () => {
  const { warn, warnings } = collectWarnings();
  let app: App;
  let host: WebHost;
  let api: WebConsoleApi;
  let sim: SimAgent;

  beforeAll(async () => {
    const port = await freePort();
    app = await createApp({
      dataDir: await tempDir(),
      host: 'web',
      appVersion: 'test',
      warn,
      pushIntervalMs: 10,
      webSocketListeners: [{ id: 'ws-test', name: 'test listener', enabled: true, host: '127.0.0.1', port, path: '/usp' }],
    });
    host = await startWebHost({ rendererDir: await tempDir(), dispatcher: app.dispatcher, port: 0 });
    api = createWebClient(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, NodeWebSocket as unknown as WebSocketConstructor);
    sim = new SimAgent({ endpointId: AGENT, controllerId: app.controller.endpointId, ...websocketAgentLink(AGENT, `ws://127.0.0.1:${port}/usp`), tickMs: 0 });
    await sim.start();
  });

  afterAll(async () => {
    api?.close();
    await sim?.stop();
    await host?.close();
    await app?.close();
    expect(warnings).toEqual([]);
  });

  it('sees the agent come online over WebSocket', async () => {
    const agents = await until(() => api.listAgents(), (list) => list.some((a) => a.agentId === AGENT && a.presence === 'online'), 'the agent online');
    expect(agents.find((a) => a.agentId === AGENT)).toMatchObject({ mtp: 'websocket', approval: 'approved' });
  });

  it('stores ValueChange and ObjectDeletion as notification rows and applies them to the cache', async () => {
    await api.refresh(AGENT, 'Device.NAT.PortMapping.');
    expect(app.store.getCachedValues(AGENT, `${MAPPING}Description`)).toMatchObject([{ value: 'NAS web UI' }]);
    expect(app.store.getCachedInstances(AGENT, 'Device.NAT.PortMapping.').map((i) => i.path)).toContain(MAPPING);
    await api.subscribe(AGENT, { notifType: 'ValueChange', referenceList: [`${MAPPING}Description`] });
    await api.subscribe(AGENT, { notifType: 'ObjectDeletion', referenceList: ['Device.NAT.PortMapping.'] });

    // The agent changes on its own, as a device does when someone uses its local UI.
    sim.model.setValue(MAPPING, 'Description', 'changed on the device');
    const changed = await until(
      () => api.queryNotifications({ agentIds: [AGENT], types: ['ValueChange'] }),
      (page) => page.items.length > 0,
      'the ValueChange row',
    );
    expect(changed.items[0]).toMatchObject({ agentId: AGENT, type: 'ValueChange', paramPath: `${MAPPING}Description`, paramValue: 'changed on the device' } satisfies Partial<NotificationRecord>);
    expect(app.store.getCachedValues(AGENT, `${MAPPING}Description`)).toMatchObject([{ value: 'changed on the device' }]);

    sim.model.deleteInstance(MAPPING);
    const deleted = await until(
      () => api.queryNotifications({ agentIds: [AGENT], types: ['ObjectDeletion'] }),
      (page) => page.items.length > 0,
      'the ObjectDeletion row',
    );
    expect(deleted.items[0]).toMatchObject({ agentId: AGENT, type: 'ObjectDeletion', objPath: MAPPING });
    expect(app.store.getCachedInstances(AGENT, 'Device.NAT.PortMapping.').map((i) => i.path)).not.toContain(MAPPING);
    expect(app.store.getCachedValues(AGENT, `${MAPPING}Description`)).toEqual([]);
    expect(app.store.getCachedValues(AGENT, 'Device.NAT.PortMapping.2.Description')).toHaveLength(1);
  });
});
