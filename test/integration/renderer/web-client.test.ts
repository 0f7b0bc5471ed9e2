import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createApiDispatcher, type EventListener } from '../../../src/main/api/api-dispatcher';
import { consoleApiSchemas } from '../../../src/main/api/validation';
import { WebBridge } from '../../../src/main/api/hosts/web/web-bridge';
import {
  apiUrlFor, createWebClient, type WebConsoleApi, type WebSocketConstructor,
} from '../../../src/renderer/api/web-client';
import { ConsoleApiError, type AgentSummary, type NotificationRecord } from '../../../src/shared/console-api';

// The renderer's WebSocket shim against the real web bridge and dispatcher (validation
// included); the backend behind them is a small object with the two calls the test uses.

const agent: AgentSummary = {
  agentId: 'proto::a1', presence: 'online', presenceReason: 'connected', presenceSince: 1, approval: 'approved', mtp: 'websocket',
  mtpAddress: null, mtpProfileId: null, model: null, manufacturer: null, firmware: null, serialNumber: null, oui: null,
  productClass: null, protocolVersions: null, firstSeen: 1, lastSeen: 2, tags: [], pinned: false,
};

let server: Server | null = null;
let client: WebConsoleApi | null = null;
let emit: EventListener = () => undefined;

async function start(): Promise<WebConsoleApi> {
  const dispatcher = createApiDispatcher({
    methods: ['listAgents', 'setAgentPinned'],
    schemas: { listAgents: consoleApiSchemas.listAgents, setAgentPinned: consoleApiSchemas.setAgentPinned },
    target: {
      listAgents: async () => [agent],
      setAgentPinned: async (agentId: string) => {
        throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId}` });
      },
    },
    subscribe(listener) {
      emit = listener;
      return () => undefined;
    },
  });
  const bridge = new WebBridge(dispatcher);
  server = createServer();
  server.on('upgrade', (req, socket, head) => bridge.accept(req, socket, head));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = createWebClient(`ws://127.0.0.1:${port}/api`, NodeWebSocket as unknown as WebSocketConstructor);
  return client;
}

afterEach(async () => {
  client?.close();
  client = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

describe('web client shim ↔ web bridge', () => {
  it('calls a method made before the socket opened and gets its result', async () => {
    const api = await start();
    expect(await api.listAgents()).toEqual([agent]);
    expect(api.connectionState).toBe('open');
  });

  it('rejects with the ConsoleApiError the backend threw, and with invalid-argument on bad input', async () => {
    const api = await start();
    await expect(api.setAgentPinned('proto::zz', true)).rejects.toMatchObject({ code: 'not-found', message: 'No agent proto::zz' });
    const bad = api.setAgentPinned('proto::zz', 'yes' as unknown as boolean);
    await expect(bad).rejects.toBeInstanceOf(ConsoleApiError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('delivers pushed event batches to listeners until they unsubscribe', async () => {
    const api = await start();
    await api.listAgents();
    const got: NotificationRecord[][] = [];
    const off = api.on('notifications', (batch) => got.push(batch));
    const n: NotificationRecord = {
      id: 1, agentId: 'proto::a1', receivedAt: 5, msgId: 'm', subscriptionId: 's', sendResp: false, path: 'Device.X',
      type: 'ValueChange', paramPath: 'Device.X', paramValue: '1',
    };
    emit('notifications', [n]);
    emit('agents', [{ kind: 'removed', agentId: 'x' }]);
    await api.listAgents();
    expect(got).toEqual([[n]]);
    off();
    emit('notifications', [n]);
    await api.listAgents();
    expect(got).toHaveLength(1);
  });
});

describe('web client shim without a server', () => {
  it('rejects calls with transport-error when the socket cannot open, and builds ws/wss URLs', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    client = createWebClient(`ws://127.0.0.1:${port}/api`, NodeWebSocket as unknown as WebSocketConstructor);
    await expect(client.listAgents()).rejects.toMatchObject({ code: 'transport-error' });
    expect(apiUrlFor({ protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/api');
    expect(apiUrlFor({ protocol: 'http:', host: 'h:2' })).toBe('ws://h:2/api');
  });
});
