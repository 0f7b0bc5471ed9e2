import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSummary, ConsoleSettings, TransportStatus } from '../../src/shared/console-api';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { apiClient, type ApiClient } from './helpers/api-client';
import { startServe, type ServeProcess } from './helpers/serve-process';

// `usp-console serve` as a newcomer starts it: --demo agents connected at once, and
// listeners / broker profiles given as flags saved in the settings for the next start.
describe('usp-console serve flags', () => {
  let dataDir: string;
  let serve: ServeProcess;
  let api: ApiClient;
  let listenPort: number;

  beforeAll(async () => {
    dataDir = await tempDir();
    listenPort = await freePort();
    serve = await startServe([
      '--data', dataDir,
      '--demo', '3',
      '--ws-listen', `127.0.0.1:${listenPort}`,
      '--mqtt', 'mqtt://127.0.0.1:1',
      '--mqtt-version', '3.1.1',
      '--controller-id', 'self::e2e-console',
    ]);
    api = await apiClient(serve.origin, serve.token);
  });
  afterAll(async () => {
    api?.close();
    await serve?.stop();
  });

  it('starts N demo agents connected to this console', async () => {
    const deadline = Date.now() + 20_000;
    let agents: AgentSummary[] = [];
    while (Date.now() < deadline) {
      agents = await api.call<AgentSummary[]>('listAgents');
      if (agents.filter((a) => a.presence === 'online').length === 3) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(agents.map((a) => [a.agentId, a.presence])).toEqual([
      ['proto::demo-agent-1', 'online'],
      ['proto::demo-agent-2', 'online'],
      ['proto::demo-agent-3', 'online'],
    ]);
  });

  it('saves listeners and broker profiles given as flags, and runs them', async () => {
    const settings = await api.call<ConsoleSettings>('getSettings');
    expect(settings.controllerEndpointId).toBe('self::e2e-console');
    expect(settings.webSocketListeners).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port: listenPort, path: '/usp', enabled: true }),
    ]);
    expect(settings.mqttBrokers).toEqual([
      expect.objectContaining({ url: 'mqtt://127.0.0.1:1', protocolVersion: 4, controllerTopic: 'usp/controller/e2e-console', hasPassword: false }),
    ]);
    const status = await api.call<TransportStatus[]>('getTransportStatus');
    expect(status.find((s) => s.kind === 'websocket-server' && s.profileId === settings.webSocketListeners[0]!.id)?.state).toBe('listening');
    // Nothing listens on port 1: the broker profile is reported, not fatal.
    expect(status.find((s) => s.kind === 'mqtt')?.state).toMatch(/error|connecting|disconnected/);
  });

  it('keeps them for the next start without flags', async () => {
    api.close();
    await serve.stop();
    serve = await startServe(['--data', dataDir]);
    api = await apiClient(serve.origin, serve.token);
    const settings = await api.call<ConsoleSettings>('getSettings');
    expect(settings.controllerEndpointId).toBe('self::e2e-console');
    expect(settings.webSocketListeners.map((l) => l.port)).toEqual([listenPort]);
    expect(settings.mqttBrokers).toHaveLength(1);
    const agents = await api.call<AgentSummary[]>('listAgents');
    // The demo agents are remembered, and offline until they connect again.
    expect(agents.map((a) => a.presence)).toEqual(['offline', 'offline', 'offline']);
  });
});
