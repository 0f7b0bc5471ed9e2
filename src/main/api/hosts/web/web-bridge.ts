import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WebEventFrame, WebReplyFrame } from '../../../../shared/api/web-protocol';
import type { ApiDispatcher } from '../../api-dispatcher';
import { toErrorBody } from '../../api-errors';

/** Frames larger than this are refused: snapshot imports are the biggest legitimate payloads. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** A browser tab that stops reading is dropped rather than letting its backlog grow without bound. */
const MAX_BACKLOG_BYTES = 256 * 1024 * 1024;

/**
 * The ConsoleApi over one WebSocket per browser tab (the server side of
 * src/renderer/api/web-client.ts). Client → server: {id, method, params}; server → client:
 * {id, result} or {id, error: {code, message}}, and pushes {event, payload} fanned out to
 * every connected tab. A bad frame gets an error answer; it never closes the socket or
 * disturbs other calls.
 */
export class WebBridge {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly unsubscribe: () => void;

  constructor(private readonly dispatcher: ApiDispatcher) {
    this.unsubscribe = dispatcher.onEvent((event, payload) => this.broadcast({ event, payload: Array.isArray(payload) ? payload : [payload] }));
    this.wss.on('connection', (ws) => this.attach(ws));
  }

  /** Completes an upgrade the HTTP layer has already authenticated. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): Promise<void> {
    this.unsubscribe();
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private attach(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => void this.onFrame(ws, data, isBinary));
    // Errors on one socket (e.g. an oversized frame) end that socket only.
    ws.on('error', () => ws.terminate());
  }

  private async onFrame(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const frame = parseFrame(data, isBinary);
    if ('error' in frame) {
      send(ws, { id: frame.id, error: { code: 'invalid-argument', message: frame.error } });
      return;
    }
    try {
      const result = await this.dispatcher.call(frame.method, frame.params);
      send(ws, { id: frame.id, result: result === undefined ? null : result });
    } catch (err) {
      send(ws, { id: frame.id, error: toErrorBody(err) });
    }
  }

  private broadcast(message: WebEventFrame): void {
    const text = JSON.stringify(message);
    for (const ws of this.wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BACKLOG_BYTES) ws.terminate();
      else ws.send(text);
    }
  }
}

type FrameId = string | number | null;
type ParsedFrame = { id: FrameId; method: string; params: unknown } | { id: FrameId; error: string };

function parseFrame(data: RawData, isBinary: boolean): ParsedFrame {
  if (isBinary) return { id: null, error: 'frames must be JSON text, not binary' };
  let value: unknown;
  try {
    value = JSON.parse(rawToString(data));
  } catch {
    return { id: null, error: 'frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'frame must be a JSON object {id, method, params}' };
  }
  const { id, method, params } = value as Record<string, unknown>;
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (!validId) return { id: null, error: 'frame needs an "id" (string or number)' };
  if (typeof method !== 'string' || method.length === 0) return { id, error: 'frame needs a "method" name' };
  return { id, method, params };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function send(ws: WebSocket, message: WebReplyFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}
