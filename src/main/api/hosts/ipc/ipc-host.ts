import type { IpcCallResult } from '../../../../shared/console-api';
import type { ApiDispatcher } from '../../api-dispatcher';
import { toErrorBody } from '../../api-errors';
import { callChannel, EVENT_CHANNEL } from '../../../../shared/ipc-channels';

/**
 * The parts of Electron's ipcMain and its invoke event the host uses. Declared here rather
 * than imported so this file stays loadable under plain Node (only src/main/electron/ may
 * import electron); Electron's real objects satisfy these shapes.
 */
export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcHostOptions {
  ipcMain: IpcMainLike;
  dispatcher: ApiDispatcher;
  /** Electron security checklist: answer only our own window's own page. */
  isTrustedSender(event: IpcInvokeEventLike): boolean;
  /** Delivers an event batch to the window(s) (webContents.send on EVENT_CHANNEL). */
  sendEvent(channel: string, event: string, payload: unknown): void;
}

/**
 * Serves the ConsoleApi over Electron IPC: one invoke handler per method. Replies are
 * IpcCallResult data because ipcRenderer.invoke keeps only the message of a thrown error;
 * the preload rejects with the error data of `{ok: false}`, which the renderer turns back into a
 * ConsoleApiError (shared/with-console-api-errors.ts). Returns the detach function.
 */
export function attachIpcHost(options: IpcHostOptions): () => void {
  const { ipcMain, dispatcher } = options;
  for (const method of dispatcher.methods) {
    ipcMain.handle(callChannel(method), async (event, ...args): Promise<IpcCallResult> => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: { code: 'invalid-argument', message: 'Call refused: it does not come from the console window.' } };
      }
      try {
        const result = await dispatcher.call(method, args);
        return { ok: true, result: result === undefined ? null : result };
      } catch (err) {
        return { ok: false, error: toErrorBody(err) };
      }
    });
  }
  const unsubscribe = dispatcher.onEvent((event, payload) => options.sendEvent(EVENT_CHANNEL, event, payload));
  return () => {
    unsubscribe();
    for (const method of dispatcher.methods) ipcMain.removeHandler(callChannel(method));
  };
}
