import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { webApiPath } from '../../../../shared/api/web-protocol';
import type { ApiDispatcher } from '../../api-dispatcher';
import { AUTOMATION_PREFIX, createAutomationHandler, type AutomationDeps, type AutomationHandler } from './automation/automation-api';
import { SECURITY_HEADERS } from './security-headers';
import { sendStaticFile } from './static-files';
import { authCookieHeader, authenticate, newAccessToken, originAllowed, sameOriginLocation } from './web-auth';
import { WebBridge } from './web-bridge';

export interface WebHostOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  dispatcher: ApiDispatcher;
  /** Defaults to 127.0.0.1: exposing the console on other interfaces must be asked for. */
  host?: string;
  /** Defaults to 8777; 0 picks a free port. */
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Serves the JSON automation API under /api/v1/ (bearer token only). */
  automation?: AutomationDeps;
}

export interface WebHost {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** The address to open, token included: http://HOST:PORT/?token=… */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The headless host: serves the built renderer and bridges the ConsoleApi over a
 * WebSocket. Every HTTP request and every upgrade must carry the token (query) or the
 * cookie issued for it, otherwise 401; upgrades from foreign origins get 403.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newAccessToken();
  const bridge = new WebBridge(options.dispatcher);
  const automation = options.automation ? createAutomationHandler(options.automation, token) : undefined;
  // The bound port names the auth cookie; known once listening, before any request is served.
  let boundPort = 0;
  const server = createServer((req, res) => {
    handleRequest(req, res, options.rendererDir, token, boundPort, automation).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    });
  });
  server.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head, token, boundPort, bridge));
  server.on('clientError', (_err, socket) => socket.destroy());

  await listen(server, host, options.port ?? 8777);
  const port = (server.address() as AddressInfo).port;
  boundPort = port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    token,
    url: `http://${urlHost}:${port}/?token=${token}`,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, rendererDir: string, token: string, port: number, automation: AutomationHandler | undefined): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const url = requestUrl(req);
  if (!url) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Bad request\n');
    return;
  }
  // The automation API authenticates by bearer token alone (never the cookie or ?token=).
  if (automation && url.pathname.startsWith(AUTOMATION_PREFIX)) return automation(req, res, url);
  const auth = authenticate(req, url, token, port);
  if (auth === 'none') {
    res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Unauthorized: open the address printed by `usp-console serve`, including its ?token=\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed\n');
    return;
  }
  if (auth === 'query-token') {
    // Trade the token for the cookie and take it out of the address bar and history.
    url.searchParams.delete('token');
    res.writeHead(303, { 'Set-Cookie': authCookieHeader(token, port), Location: sameOriginLocation(url) });
    res.end();
    return;
  }
  await sendStaticFile(res, rendererDir, url.pathname, req.method === 'HEAD');
}

function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, token: string, port: number, bridge: WebBridge): void {
  const url = requestUrl(req);
  if (!url || url.pathname !== webApiPath) return refuse(socket, 404, 'Not Found');
  if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden');
  if (authenticate(req, url, token, port) === 'none') return refuse(socket, 401, 'Unauthorized');
  bridge.accept(req, socket, head);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://console.invalid');
  } catch {
    return undefined;
  }
}
