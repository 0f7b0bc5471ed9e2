import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { websocketAgentLink } from '../../../src/main/sim/sim-transports';
import { freePort, removeTempDir, tempDir, waitUntil } from '../../helpers';
import { cli, startCli } from './cli-capture';

const CONTROLLER_ID = 'self::cli-ws-itest';
const sims: SimAgent[] = [];
let dir: string;

beforeAll(async () => {
  dir = await tempDir('usp-cli-ws-');
});

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await removeTempDir(dir);
});

const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

describe('usp-console over WebSocket and Unix domain sockets', { timeout: 60_000 }, () => {
  it('--ws-listen waits for the agent to connect at /usp, then runs the request', async () => {
    const port = await freePort();
    const id = 'proto::cli-ws-dialer';
    const run = startCli('get', 'Device.DeviceInfo.ModelName', '--agent', id, '--controller-id', CONTROLLER_ID, '--ws-listen', `127.0.0.1:${port}`, '--timeout', '20');
    const url = `ws://127.0.0.1:${port}/usp`;
    const sim = new SimAgent({ endpointId: id, controllerId: CONTROLLER_ID, ...websocketAgentLink(id, url), tickMs: 0 });
    sims.push(sim);
    // The CLI's server may not listen yet: the agent dials again, as obuspa does.
    let started = false;
    for (let attempt = 0; attempt < 100 && !started; attempt++) {
      try {
        await sim.start();
        started = true;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(await run.exit).toBe(0);
    expect((json(run.stdout).requestedPaths as { resolved: { params: Record<string, string> }[] }[])[0]?.resolved[0]?.params).toEqual({ ModelName: 'HGW-5400AX' });
  });

  it('--ws-listen exits 3 when no agent connects within --timeout', async () => {
    const port = await freePort();
    const run = await cli('get', 'Device.', '--agent', 'proto::never', '--ws-listen', `127.0.0.1:${port}`, '--timeout', '0.5');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`agent proto::never did not connect to ws://127.0.0.1:${port}/usp within 500 ms`);
  });

  it('--ws-connect dials an agent that serves WebSocket and gets a USP error back as exit 1', async () => {
    const port = await freePort();
    const id = 'proto::cli-ws-server';
    const url = `ws://127.0.0.1:${port}/usp`;
    // The simulator answers on the connection a request came in on, whichever side opened it.
    const transport = new WsServerTransport({ id: 'agent-ws', host: '127.0.0.1', port, endpointId: id, keepAliveIntervalMs: 0 });
    const sim = new SimAgent({ endpointId: id, controllerId: CONTROLLER_ID, transport, mtp: { kind: 'websocket', url }, tickMs: 0 });
    sims.push(sim);
    await sim.start();
    const ok = await cli('instances', 'Device.WiFi.SSID.', '--agent', id, '--controller-id', CONTROLLER_ID, '--ws-connect', url, '--timeout', '10');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('"path": "Device.WiFi.SSID.1."');
    const refused = await cli('add', 'Device.DeviceInfo.', '--agent', id, '--controller-id', CONTROLLER_ID, '--ws-connect', url, '--timeout', '10');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/USP error 70\d\d /);
    const closed = await cli('get', 'Device.', '--agent', id, '--ws-connect', `ws://127.0.0.1:${await freePort()}/usp`, '--timeout', '2');
    expect(closed.code).toBe(3);
  });

  it('--uds listens on the socket path and serves the agent that connects', async () => {
    const path = join(dir, 'controller.sock');
    const id = 'proto::cli-uds';
    const run = startCli('protocols', '--agent', id, '--controller-id', CONTROLLER_ID, '--uds', path, '--timeout', '20');
    await waitUntil(() => existsSync(path), 'the CLI to listen on the socket', 20_000);
    const transport = new UdsClientTransport({ id: 'agent-uds', path, endpointId: id });
    // The simulator has no UDS MTP row of its own; it answers on the connection the request came in on.
    const sim = new SimAgent({ endpointId: id, controllerId: CONTROLLER_ID, transport, mtp: { kind: 'websocket', url: 'ws://127.0.0.1/unused' }, tickMs: 0 });
    sims.push(sim);
    await sim.start();
    expect(await run.exit).toBe(0);
    expect(json(run.stdout).versions).toEqual(['1.0', '1.1', '1.2', '1.3']);
  });
});
