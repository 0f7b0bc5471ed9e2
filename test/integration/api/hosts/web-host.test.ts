import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { createApiDispatcher, type EventListener } from '../../../../src/main/api/api-dispatcher';
import { startWebHost, type WebHost } from '../../../../src/main/api/hosts/web/web-host';
import { authCookieName } from '../../../../src/main/api/hosts/web/web-auth';
import { ConsoleApiError } from '../../../../src/shared/api/errors';
import { tempDir } from '../../../helpers/temp-dir';

// The host is generic over the API it bridges; a small two-method API is enough to test
// authentication, framing, validation and event fan-out over real HTTP and WebSocket.
const listeners = new Set<EventListener>();
const target = {
  async echo(text: string, times: number): Promise<string> {
    return text.repeat(times);
  },
  async fail(): Promise<never> {
    throw new ConsoleApiError({ code: 'not-found', message: 'No such agent.' });
  },
};
const dispatcher = createApiDispatcher({
  methods: ['echo', 'fail'],
  schemas: { echo: z.tuple([z.string(), z.number().int().min(0).max(10)]), fail: z.tuple([]) },
  target,
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(host: WebHost, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: host.host, port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => resolve(-1));
  });
}

function openSocket(host: WebHost): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host.host}:${host.port}/api`, {
      headers: { Cookie: `${authCookieName(host.port)}=${host.token}`, Origin: `http://${host.host}:${host.port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

async function roundTrip(ws: WebSocket, frame: string): Promise<Record<string, unknown>> {
  const reply = nextMessage(ws);
  ws.send(frame);
  return reply;
}

describe('web host', () => {
  let host: WebHost;
  let dir: string;

  beforeAll(async () => {
    // A secret next to the renderer folder: what a traversal would reach first.
    const parent = await tempDir();
    await writeFile(join(parent, 'secret.txt'), 'do not serve');
    dir = join(parent, 'renderer');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>USP Console</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1);');
    host = await startWebHost({ rendererDir: dir, dispatcher, port: 0 });
  });
  afterAll(async () => {
    await host.close();
  });

  it('binds to 127.0.0.1 and prints a URL with the token', () => {
    expect(host.host).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses the page and its assets without token or cookie (401)', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/nothing-here']) {
      const reply = await get(host, path);
      expect(reply.status).toBe(401);
      expect(reply.body).not.toContain('USP Console</title>');
    }
    expect((await get(host, '/?token=wrong')).status).toBe(401);
    expect((await get(host, '/', { Cookie: `${authCookieName(host.port)}=wrong` })).status).toBe(401);
  });

  it('redirects the token exchange only to a path of its own origin (issue 9 #10)', async () => {
    for (const [path, location] of [
      [`/.//evil.com/?token=${host.token}`, '/evil.com/'],
      [`//evil.com/x?token=${host.token}&a=1`, '/x?a=1'],
      [`/%5C%5Cevil.com/?token=${host.token}`, '/%5C%5Cevil.com/'],
      [`/assets/app.js?token=${host.token}`, '/assets/app.js'],
    ] as const) {
      const reply = await get(host, path);
      expect(reply.status, path).toBe(303);
      expect(reply.headers.location, path).toBe(location);
    }
  });

  it('names its cookie after its port, so a second console on the host does not overwrite it (issue 9 #10)', async () => {
    const other = await startWebHost({ rendererDir: dir, dispatcher, port: 0 });
    try {
      const mine = String((await get(host, `/?token=${host.token}`)).headers['set-cookie']).split(';')[0]!;
      const theirs = String((await get(other, `/?token=${other.token}`)).headers['set-cookie']).split(';')[0]!;
      expect(mine.split('=')[0]).toBe(`usp_console_token_${host.port}`);
      expect(theirs.split('=')[0]).toBe(`usp_console_token_${other.port}`);
      // A browser sends both cookies to both ports: each console picks its own.
      const both = { Cookie: `${mine}; ${theirs}` };
      expect((await get(host, '/', both)).status).toBe(200);
      expect((await get(other, '/', both)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('trades a valid token for an HttpOnly SameSite=Strict cookie and strips the token', async () => {
    const first = await get(host, `/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`${authCookieName(host.port)}=`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const cookieHeader = cookie.split(';')[0]!;
    const page = await get(host, '/', { Cookie: cookieHeader });
    expect(page.status).toBe(200);
    expect(page.body).toContain('USP Console');
    expect(page.headers['content-type']).toContain('text/html');
    const asset = await get(host, '/assets/app.js', { Cookie: cookieHeader });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('sends security headers on every response, refusals included', async () => {
    for (const reply of [await get(host, '/'), await get(host, '/', { Cookie: `${authCookieName(host.port)}=${host.token}` })]) {
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('never serves files outside the renderer folder', async () => {
    const cookie = { Cookie: `${authCookieName(host.port)}=${host.token}` };
    expect((await get(host, '/../../../etc/passwd', cookie)).status).toBe(404);
    expect((await get(host, '/%2e%2e/%2e%2e/etc/passwd', cookie)).status).toBe(404);
    expect((await get(host, '/%E0%A4%A', cookie)).status).toBe(404);
  });

  it('answers encoded traversals 404, whatever the encoding', async () => {
    const cookie = { Cookie: `${authCookieName(host.port)}=${host.token}` };
    const deep = '..%2F'.repeat(12);
    for (const path of [
      '/..%2F..%2Fetc%2Fpasswd',
      `/${deep}etc%2Fpasswd`,
      '/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E/secret.txt',
      '/..%5Csecret.txt',
      '/index.html%00.js',
      '/assets/..%2F..%2Frenderer%2Findex.html%2F..%2F..%2Fsecret.txt',
    ]) {
      const reply = await get(host, path, cookie);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toMatch(/do not serve|root:/);
    }
  });

  it('refuses a token prefix, a suffix and a one-character change (401)', async () => {
    const t = host.token;
    const flipped = `${t.slice(0, 5)}${t[5] === 'A' ? 'B' : 'A'}${t.slice(6)}`;
    for (const wrong of [t.slice(0, -1), t.slice(0, 8), `${t}A`, flipped]) {
      expect((await get(host, `/?token=${wrong}`)).status, wrong).toBe(401);
      expect((await get(host, '/', { Cookie: `${authCookieName(host.port)}=${wrong}` })).status, wrong).toBe(401);
      expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/api?token=${wrong}`, {})).toBe(401);
    }
  });

  it('refuses WebSocket upgrades without credentials (401) and from a foreign Origin (403)', async () => {
    const base = `ws://127.0.0.1:${host.port}/api`;
    const ownOrigin = `http://127.0.0.1:${host.port}`;
    expect(await upgradeStatus(base, { Origin: ownOrigin })).toBe(401);
    expect(await upgradeStatus(base, { Origin: ownOrigin, Cookie: `${authCookieName(host.port)}=nope` })).toBe(401);
    expect(await upgradeStatus(base, { Origin: 'http://evil.example', Cookie: `${authCookieName(host.port)}=${host.token}` })).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, { Origin: `http://localhost:${host.port}` })).toBe(403);
    // Same host, another port: another site as far as the browser is concerned.
    const cookie = `${authCookieName(host.port)}=${host.token}`;
    expect(await upgradeStatus(base, { Origin: `http://127.0.0.1:${host.port + 1}`, Cookie: cookie })).toBe(403);
    expect(await upgradeStatus(base, { Origin: 'http://127.0.0.1', Cookie: cookie })).toBe(403);
    expect(await upgradeStatus(base, { Origin: ownOrigin, Cookie: cookie })).toBe(101);
    expect(await upgradeStatus(`${base}?token=${host.token}`, {})).toBe(101);
  });

  it('dispatches calls and answers bad frames, unknown methods and invalid params with errors', async () => {
    const ws = await openSocket(host);
    try {
      expect(await roundTrip(ws, JSON.stringify({ id: 1, method: 'echo', params: ['ab', 3] }))).toEqual({ id: 1, result: 'ababab' });
      expect(await roundTrip(ws, JSON.stringify({ id: 'x', method: 'fail', params: [] }))).toEqual({
        id: 'x',
        error: { code: 'not-found', message: 'No such agent.' },
      });

      const notJson = await roundTrip(ws, '{oops');
      expect(notJson).toMatchObject({ id: null, error: { code: 'invalid-argument' } });
      const noId = await roundTrip(ws, JSON.stringify({ method: 'echo', params: ['a', 1] }));
      expect(noId).toMatchObject({ id: null, error: { code: 'invalid-argument' } });
      const notObject = await roundTrip(ws, '[1,2,3]');
      expect(notObject).toMatchObject({ id: null, error: { code: 'invalid-argument' } });

      const unknown = await roundTrip(ws, JSON.stringify({ id: 2, method: 'constructor', params: [] }));
      expect(unknown).toMatchObject({ id: 2, error: { code: 'invalid-argument' } });
      expect((unknown.error as { message: string }).message).toContain('Unknown method');

      const invalid = await roundTrip(ws, JSON.stringify({ id: 3, method: 'echo', params: ['a', 99] }));
      expect(invalid).toMatchObject({ id: 3, error: { code: 'invalid-argument' } });
      expect((invalid.error as { message: string }).message).toContain('echo');
      const notArray = await roundTrip(ws, JSON.stringify({ id: 4, method: 'echo', params: { text: 'a' } }));
      expect(notArray).toMatchObject({ id: 4, error: { code: 'invalid-argument' } });

      // The socket survived all of that.
      expect(await roundTrip(ws, JSON.stringify({ id: 5, method: 'echo', params: ['z', 1] }))).toEqual({ id: 5, result: 'z' });
    } finally {
      ws.close();
    }
  });

  it('fans events out to every connected socket', async () => {
    const a = await openSocket(host);
    const b = await openSocket(host);
    try {
      const gotA = nextMessage(a);
      const gotB = nextMessage(b);
      for (const listener of listeners) listener('agents', [{ kind: 'removed', agentId: 'proto::x' }]);
      const expected = { event: 'agents', payload: [{ kind: 'removed', agentId: 'proto::x' }] };
      expect(await gotA).toEqual(expected);
      expect(await gotB).toEqual(expected);
    } finally {
      a.close();
      b.close();
    }
  });
});
