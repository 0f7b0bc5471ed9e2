import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type App } from '../../../src/main/app/create-app';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { Store } from '../../../src/main/store/store';
import * as m from '../../../src/main/usp/messages';
import { buildConnectRecord } from '../../../src/main/usp/record';
import { freePort, waitForEvent, waitUntil } from '../../helpers';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';
import { RawAgent } from '../controller/raw-agent';
import { cannedAnswer, errorFor } from '../controller/usp-responses';
import { CLI_ENTRY } from '../../helpers/cli';

// Issue 9 finding 8: Endpoint IDs from the network are validated; any agent can be forgotten.
const CONTROLLER_ID = 'self::usp-console-forget';
const root = join(import.meta.dirname, '../../..');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
// Every console of this file warns here; a test that expects a warning takes it out itself.
const { warn, warnings } = collectWarnings();

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(warnings.splice(0)).toEqual([]);
});

async function appWithListener(dataDir: string): Promise<{ app: App; port: number }> {
  const port = await freePort();
  const app = await createApp({
    dataDir,
    host: 'web',
    appVersion: 'test',
    warn,
    controllerEndpointId: CONTROLLER_ID,
    webSocketListeners: [{ id: 'ws-test', name: 'test', enabled: true, host: '127.0.0.1', port, path: '/usp' }],
  });
  cleanups.push(() => app.close());
  return { app, port };
}

async function wsAgent(port: number, endpointId: string): Promise<RawAgent> {
  const transport = new WsClientTransport({ id: `agent-${port}`, url: `ws://127.0.0.1:${port}/usp`, endpointId, keepAliveIntervalMs: 0 });
  cleanups.push(() => transport.stop());
  await transport.start();
  return new RawAgent(endpointId, CONTROLLER_ID, transport, transport.peerAddress, cannedAnswer);
}

describe('Endpoint IDs from the network and forgetting agents', () => {
  it('drops Records whose from_id breaks the Endpoint ID grammar: the agent is never stored nor listed', async () => {
    const { app, port } = await appWithListener(await tempDir());
    // A plain WebSocket without eid: only the Records name the sender, as a hostile peer would.
    const peer = new WebSocket(`ws://127.0.0.1:${port}/usp`, 'v1.usp');
    cleanups.push(() => peer.terminate());
    await new Promise((resolve, reject) => peer.once('open', resolve).once('error', reject));
    const bad = 'proto::evil\u001b]0;owned\u0007';
    const dropped = waitForEvent(app.controller, 'recordDropped', (d) => /invalid from_id/.test(d.reason));
    peer.send(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: bad }));
    const [event] = await dropped;
    expect(event.endpointId).toBeNull();
    expect(event.reason).not.toContain('\u001b');
    // A valid id on the same connection is still accepted afterwards.
    const seen = waitForEvent(app.controller, 'agentSeen');
    peer.send(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: 'oui:00256D:good-1' }));
    expect((await seen)[0].endpointId).toBe('oui:00256D:good-1');
    expect((await app.api.listAgents()).map((a) => a.agentId)).toEqual(['oui:00256D:good-1']);
    expect(app.store.agents.list().map((a) => a.endpointId)).toEqual(['oui:00256D:good-1']);
  });

  it('forgets an agent with its cached data through the API, and it comes back as new when it speaks again', async () => {
    const { app, port } = await appWithListener(await tempDir());
    const id = 'proto::to-forget';
    const agent = await wsAgent(port, id);
    const stored = waitForEvent(app.controller, 'notification');
    await agent.connectRecord('websocket');
    await agent.notify({ kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'x' });
    await stored;
    await waitUntil(() => app.store.notifications.query({ endpointIds: [id] }).length > 0, 'the notification stored');
    const removed = new Promise<void>((resolve) => {
      const stop = app.dispatcher.onEvent((event, payload) => {
        const changes = payload as { kind: string; agentId?: string }[];
        if (event === 'agents' && changes.some((c) => c.kind === 'removed' && c.agentId === id)) resolve();
      });
      cleanups.push(stop);
    });
    const dropped = waitForEvent(agent.transport, 'link', (state) => state !== 'up');
    await app.dispatcher.call('forgetAgent', [id]);
    await removed;
    expect((await app.api.listAgents()).map((a) => a.agentId)).toEqual([]);
    expect(app.store.notifications.query({ endpointIds: [id] })).toEqual([]);
    expect(app.controller.agent(id)).toBeUndefined();
    await expect(app.api.forgetAgent(id)).rejects.toMatchObject({ code: 'not-found' });
    // Its connection was closed; the agent reconnects and speaks again.
    await dropped;
    await waitUntil(() => agent.transport.linkState === 'up', 'the agent reconnected');
    const back = waitForEvent(app.controller, 'agentSeen', (a) => a.endpointId === id);
    await agent.connectRecord('websocket');
    await back;
    // Answers to requests that were in flight when the console closed the connection could not go out.
    agent.dropLinkDownFailures();
  });

  it('warns when an agent refuses GetSupportedProtocol, not when the console cut the link before the answer', async () => {
    const { app, port } = await appWithListener(await tempDir());
    const refuser = await wsAgent(port, 'proto::gsp-refuser');
    refuser.handler = (request) => (m.messageKind(request) === 'get_supported_protocol' ? errorFor(request, 7000, 'no versions today') : cannedAnswer(request));
    await refuser.connectRecord('websocket');
    await waitUntil(() => warnings.length > 0, 'the warning about the refused GetSupportedProtocol');
    expect(warnings.splice(0)).toEqual(['proto::gsp-refuser: GetSupportedProtocol failed: USP Error 7000: no versions today']);
    // An agent that never answers it, forgotten while the request waits: the console closed that link itself.
    const mute = await wsAgent(port, 'proto::gsp-mute');
    mute.handler = (request) => (m.messageKind(request) === 'get_supported_protocol' ? null : cannedAnswer(request));
    await mute.connectRecord('websocket');
    await waitUntil(() => mute.requests('get_supported_protocol').length > 0, 'the GetSupportedProtocol at the mute agent');
    await app.api.forgetAgent('proto::gsp-mute');
    expect(app.controller.agent('proto::gsp-mute')).toBeUndefined();
  });

  it('forgets an agent stored with an id that is not a valid Endpoint ID, through the API and the CLI', async () => {
    const dataDir = await tempDir();
    const seed = Store.open(dataDir, { appVersion: 'test' });
    seed.agents.ensure('legacy id\u0007', 1);
    seed.agents.ensure('proto::cli-gone', 1);
    seed.close();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    await app.dispatcher.call('forgetAgent', ['legacy id\u0007']);
    expect((await app.api.listAgents()).map((a) => a.agentId)).toEqual(['proto::cli-gone']);
    await app.close();

    const run = (...args: string[]) => spawnSync(process.execPath, [CLI_ENTRY, ...args], { cwd: root, encoding: 'utf8' });
    const ok = run('forget', 'proto::cli-gone', '--data', dataDir);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ forgotten: 'proto::cli-gone' });
    const unknown = run('forget', 'proto::\u001b[2Jnope', '--data', dataDir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('proto::\\x1b[2Jnope');
    expect(unknown.stderr).not.toContain('\u001b');
    const check = Store.open(dataDir, { appVersion: 'test' });
    expect(check.agents.list()).toEqual([]);
    check.close();
  }, 120_000);
});
