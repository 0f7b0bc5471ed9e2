import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
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

/**
 * Maps a URL path onto a file under `root`, or undefined when the path is malformed or
 * would leave `root` (`..`, encoded separators, NUL bytes).
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relative);
  return full.startsWith(base + sep) ? full : undefined;
}

/** Streams one file of the built renderer; answers 404 for anything that is not a regular file. */
export async function sendStaticFile(res: ServerResponse, root: string, urlPath: string, headOnly: boolean): Promise<void> {
  const file = resolveStaticPath(root, urlPath);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return;
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Vite fingerprints assets, so only the page itself must never be cached.
  const cache = file.endsWith('.html') ? 'no-store' : 'private, max-age=3600';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': cache });
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent on the wire, Node's http server never sends a body in answer to HEAD; the branch only spares opening the file
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  // Stryker disable next-line StringLiteral,ArrowFunction: untestable here, needs a read failure after a successful stat (tests run as root, who reads every file)
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
