/**
 * ConsoleApi in a plain browser: the client side of the headless web bridge
 * (`usp-console serve`, server in src/main/api/hosts/web/web-bridge.ts).
 *
 * Protocol (frame types in src/shared/api/web-protocol.ts):
 * - One WebSocket to `ws(s)://<location.host>/api`; `wss:` when the page is https. The
 *   HttpOnly session cookie set by the first `?token=` visit authenticates the upgrade.
 * - Text frames, one JSON object each.
 *   call   client → server  {"id": 1, "method": "<ConsoleApi method>", "params": [positional args]}
 *   reply  server → client  {"id": 1, "result": <value or null>}  |  {"id": 1, "error": ConsoleApiErrorData}
 *   push   server → client  {"event": "<ConsoleEventName>", "payload": [batch]}
 * - Replies can come in any order; ids are unique per connection (increasing integers).
 * - Calls made while (re)connecting are queued and sent on open. When the socket closes (or
 *   fails to open), outstanding and queued calls reject with code 'transport-error' (the server
 *   may or may not have run the outstanding ones) and the client reconnects with back-off
 *   (0.5 s doubling to 5 s).
 */
import {
  ConsoleApiError, consoleApiMethods, isConsoleApiErrorData, isConsoleEventName,
  type ConsoleApi, type ConsoleApiMethod, type ConsoleEventListener, type ConsoleEventName, type Unsubscribe,
} from '../../shared/console-api';
import { webApiPath } from '../../shared/api/web-protocol';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebConsoleApi extends ConsoleApi {
  readonly connectionState: ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe;
  close(): void;
}

/** WebSocket.OPEN; a literal so no global WebSocket is needed where another implementation is injected. */
const OPEN = 1;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: ConsoleApiError) => void;
}

export function apiUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${webApiPath}`;
}

/** The browser's WebSocket constructor, or a compatible one (e.g. the `ws` package in Node tests). */
export type WebSocketConstructor = new (url: string) => WebSocket;

export function createWebClient(url: string, WebSocketImpl: WebSocketConstructor = WebSocket): WebConsoleApi {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = 500;
  let closedByUs = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(batch: unknown[]) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const onFrame = (text: string): void => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as Record<string, unknown>;
    if (typeof f.event === 'string' && Array.isArray(f.payload)) {
      const set = listeners.get(f.event);
      if (set) for (const l of set) l(f.payload);
      return;
    }
    if (typeof f.id !== 'number') return;
    const p = pending.get(f.id);
    if (!p) return;
    pending.delete(f.id);
    if ('error' in f) {
      p.reject(new ConsoleApiError(isConsoleApiErrorData(f.error)
        ? f.error
        : { code: 'protocol-error', message: 'The server sent an error reply without a usable error.' }));
    } else {
      p.resolve(f.result ?? undefined);
    }
  };

  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const connect = (): void => {
    retryTimer = null;
    if (closedByUs) return;
    setState('connecting');
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      setState('open');
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') onFrame(ev.data);
    };
    // An error is always followed by close, which does the work; handling it keeps Node's
    // `ws` (used by tests) from treating it as unhandled.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      // Queued calls are rejected below with the rest; they must not run later, unasked.
      queue.length = 0;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new ConsoleApiError({ code: 'transport-error', message: 'Lost the connection to the USP Console server.' }));
      }
      setState('closed');
      if (!closedByUs) {
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      }
    };
  };

  const call = (method: ConsoleApiMethod, params: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const text = JSON.stringify({ id, method, params });
      if (socket && socket.readyState === OPEN) socket.send(text);
      else queue.push(text);
    });

  const client = {
    get connectionState(): ConnectionState {
      return state;
    },
    on<K extends ConsoleEventName>(event: K, listener: ConsoleEventListener<K>): Unsubscribe {
      if (!isConsoleEventName(event)) throw new Error(`Unknown event ${String(event)}`);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (batch: unknown[]) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnectionChange(listener: (s: ConnectionState) => void): Unsubscribe {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      socket?.close();
    },
  };
  // One forwarding function per call method (Object.assign would freeze the getter above).
  for (const method of consoleApiMethods) {
    Object.defineProperty(client, method, { value: (...params: unknown[]) => call(method, params), enumerable: true });
  }

  connect();
  return client as unknown as WebConsoleApi;
}
