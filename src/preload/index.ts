import { contextBridge, ipcRenderer } from 'electron';
import {
  consoleApiMethods, isConsoleEventName, type ConsoleApiErrorData, type IpcCallResult,
} from '../shared/console-api';
import { callChannel, EVENT_CHANNEL } from '../shared/ipc-channels';

/**
 * Exposes window.consoleApi and nothing else (no ipcRenderer, no Node): one function per
 * ConsoleApi method, each invoking its own 'api:<method>' channel, plus `on(event, cb)`.
 *
 * A failed call rejects with plain ConsoleApiErrorData ({code, message, uspErrCode?,
 * paramErrors?}) rather than an Error: contextBridge copies Errors with their message only,
 * while plain objects cross intact. The renderer wraps the API in withConsoleApiErrors, so it
 * sees a ConsoleApiError exactly as with the web client.
 */
type BatchListener = (batch: unknown) => void;

const listeners = new Map<string, Set<BatchListener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api: Record<string, unknown> = {};
for (const method of consoleApiMethods) {
  api[method] = async (...args: unknown[]): Promise<unknown> => {
    const reply = (await ipcRenderer.invoke(callChannel(method), ...args)) as IpcCallResult;
    if (reply.ok) return reply.result;
    const error: ConsoleApiErrorData = reply.error;
    throw error;
  };
}

api.on = (event: unknown, listener: unknown): (() => void) => {
  if (!isConsoleEventName(event)) throw new TypeError(`Unknown console event "${String(event)}"`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
  const set = listeners.get(event) ?? new Set<BatchListener>();
  listeners.set(event, set);
  const callback = listener as BatchListener;
  set.add(callback);
  return () => {
    set.delete(callback);
  };
};

contextBridge.exposeInMainWorld('consoleApi', api);
