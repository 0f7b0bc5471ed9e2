import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, sendStaticFile } from '../../../../../src/main/api/hosts/web/static-files';
import { tempDir } from '../../../../helpers/temp-dir';

describe('resolveStaticPath', () => {
  const root = resolve('/srv/console/renderer');

  it('maps URL paths onto files under the root, the bare root onto index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1a2b.js')).toBe(join(root, 'assets', 'app-1a2b.js'));
    expect(resolveStaticPath(root, '//assets//app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(`${root}/`, '/a%20b.txt')).toBe(join(root, 'a b.txt'));
    expect(resolveStaticPath(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
    // Without a leading slash the path is taken as it is, slashes inside included.
    expect(resolveStaticPath(root, 'assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses every way out of the root, encoded or not', () => {
    for (const path of [
      '/..',
      '/../renderer-other/x',
      '/..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      '/%2E%2E',
      '/..%5C..%5Cetc%5Cpasswd',
      '/a\\b',
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, path), path).toBeUndefined();
    }
  });

  it('does not take a sibling folder that merely starts with the root name for the root', () => {
    expect(resolveStaticPath(root, '/../renderer2/index.html')).toBeUndefined();
    expect(resolveStaticPath(root, '/../renderer')).toBeUndefined();
  });
});

/** What browsers must be told, written out by hand (a wrong type breaks module scripts and fonts). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

describe('sendStaticFile', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    const parent = await tempDir();
    const root = join(parent, 'renderer');
    mkdirSync(join(root, 'assets', 'folder'), { recursive: true });
    writeFileSync(join(parent, 'secret.txt'), 'do not serve');
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(root, 'assets', 'blob.bin'), 'bin');
    writeFileSync(join(root, 'assets', 'LOGO.SVG'), '<svg/>');
    for (const ext of Object.keys(TYPES)) writeFileSync(join(root, 'assets', `file${ext}`), 'x');
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      void sendStaticFile(res, root, path, req.method === 'HEAD');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  function fetchRaw(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', fail);
      req.end();
    });
  }

  it('serves the page uncached and assets cached, with their content types and lengths', async () => {
    const page = await fetchRaw('/');
    expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>x</title>' });
    expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': '31' });
    const js = await fetchRaw('/assets/app.js');
    expect(js).toMatchObject({ status: 200, body: 'console.log(1);' });
    expect(js.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'private, max-age=3600' });
    expect((await fetchRaw('/assets/blob.bin')).headers['content-type']).toBe('application/octet-stream');
    expect((await fetchRaw('/assets/LOGO.SVG')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await fetchRaw('/assets/app.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('15');
  });

  it('labels every kind of file the renderer build contains', async () => {
    for (const [ext, type] of Object.entries(TYPES)) {
      expect((await fetchRaw(`/assets/file${ext}`)).headers['content-type'], ext).toBe(type);
    }
  });

  it('answers 404 for missing files, folders and encoded traversals', async () => {
    for (const path of ['/nothing.js', '/assets/folder', '/assets', '/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt']) {
      const reply = await fetchRaw(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toBe('Not found\n');
      expect(reply.headers['content-type'], path).toBe('text/plain; charset=utf-8');
    }
  });
});
