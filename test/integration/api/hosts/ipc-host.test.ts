import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApiMethods, type IpcCallResult } from '../../../../src/shared/console-api';
import { callChannel, EVENT_CHANNEL } from '../../../../src/shared/ipc-channels';
import { attachIpcHost, type IpcInvokeEventLike, type IpcMainLike } from '../../../../src/main/api/hosts/ipc/ipc-host';
import { trustedSenderCheck } from '../../../../src/main/electron/app-origin';
import { createApp, type App } from '../../../../src/main/app/create-app';
import { tempDir } from '../../../helpers/temp-dir';
import { waitUntil } from '../../../helpers/events';
import { collectWarnings } from '../../../helpers/warnings';

// Electron cannot run on this machine, so Electron's ipcMain is stood in for by the smallest
// object with its handle/removeHandler shape; everything behind it is the real app.
class IpcMainStandIn implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: IpcInvokeEventLike, channel: string, ...args: unknown[]): Promise<IpcCallResult> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args) as Promise<IpcCallResult>;
  }
}

const MAIN_FRAME = { url: 'app://console/index.html' };
const OUR_WINDOW: IpcInvokeEventLike = { sender: { id: 1 }, senderFrame: MAIN_FRAME };
const OTHER_FRAME: IpcInvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } };

describe('Electron IPC host', () => {
  let app: App;
  const ipc = new IpcMainStandIn();
  const sent: unknown[][] = [];
  const { warn, warnings } = collectWarnings();
  let detach: () => void;

  beforeAll(async () => {
    app = await createApp({ dataDir: await tempDir(), host: 'electron', appVersion: 'test', warn, pushIntervalMs: 10 });
    detach = attachIpcHost({
      ipcMain: ipc,
      dispatcher: app.dispatcher,
      // The production check, as src/main/electron/main.ts wires it to the window.
      isTrustedSender: trustedSenderCheck(() => ({ id: 1, mainFrame: MAIN_FRAME })),
      sendEvent: (...args) => sent.push(args),
    });
  });
  afterAll(async () => {
    await app.close();
    expect(warnings).toEqual([]);
  });

  it('registers one direction-prefixed channel per ConsoleApi method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(consoleApiMethods.map((m) => callChannel(m)).sort());
    expect(callChannel('listAgents')).toBe('api:listAgents');
  });

  it('answers our window with results and typed errors as data', async () => {
    expect(await ipc.invoke(OUR_WINDOW, 'api:listAgents')).toEqual({ ok: true, result: [] });
    expect(await ipc.invoke(OUR_WINDOW, 'api:getAppInfo')).toMatchObject({ ok: true, result: { host: 'electron', controllerEndpointId: 'self::usp-console' } });
    expect(await ipc.invoke(OUR_WINDOW, 'api:getAgent', 'proto::nobody')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await ipc.invoke(OUR_WINDOW, 'api:getChildren', 'proto::x', 42)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses calls from any other frame or window', async () => {
    expect(await ipc.invoke(OTHER_FRAME, 'api:getSettings')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await ipc.invoke({ sender: { id: 2 }, senderFrame: OUR_WINDOW.senderFrame }, 'api:getSettings')).toMatchObject({ ok: false });
    expect(await ipc.invoke({ sender: { id: 1 }, senderFrame: null }, 'api:getSettings')).toMatchObject({ ok: false });
  });

  it('forwards event batches to the window on the event channel', async () => {
    app.store.upsertAgent('proto::ipc-agent', {});
    await ipc.invoke(OUR_WINDOW, 'api:setAgentTags', 'proto::ipc-agent', ['lab']);
    const agents = () => sent.filter(([channel, event]) => channel === EVENT_CHANNEL && event === 'agents');
    await waitUntil(() => JSON.stringify(agents()).includes('"lab"'), 'an agents event batch carrying the new tag');
    expect(agents().length).toBeGreaterThan(0);
  });

  it('removes every handler when detached', () => {
    detach();
    expect(ipc.handlers.size).toBe(0);
  });
});
