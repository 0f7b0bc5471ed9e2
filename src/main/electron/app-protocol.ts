import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../api/security-headers';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../api/ipc-trust';
import { resolveStaticPath } from '../api/static-files';

/**
 * The renderer is loaded from app://console/ instead of file:// (Electron security
 * checklist: file:// pages get broad file access and no response headers), so every
 * response carries the same strict CSP and headers as the headless host.
 */
export { APP_ORIGIN, APP_SCHEME };

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    const fileResponse = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(fileResponse.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(fileResponse.body, { status: fileResponse.status, headers });
  });
}
