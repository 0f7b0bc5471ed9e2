import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { launchChromium, type Page } from './helpers/browser';
import { startServe, type ServeProcess } from './helpers/serve-process';
import { waitForText } from './helpers/wait';

// `serve` keeps its token in the data folder: a restart keeps an open tab working (it
// reconnects by itself with its cookie); --new-token rotates it.
describe('serve token across restarts', () => {
  let dataDir: string;
  let port: number;
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    dataDir = await tempDir();
    port = await freePort();
    serve = await startServe(['--data', dataDir, '--port', String(port)]);
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('keeps the token after a restart, and the open tab reconnects by itself', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId('server-connection'), (t) => /^connected$/i.test(t));
    const token = serve.token;
    await serve.stop();
    await waitForText(page.getByTestId('server-connection'), (t) => !/^connected$/i.test(t));
    serve = await startServe(['--data', dataDir, '--port', String(port)]);
    expect(serve.token).toBe(token);
    await waitForText(page.getByTestId('server-connection'), (t) => /^connected$/i.test(t), 30_000);
    await page.getByTestId('nav-settings').click();
    // The API answers again over the reconnected WebSocket.
    await page.getByTestId('settings-endpoint-id').waitFor();
    expect(await page.getByTestId('settings-endpoint-id').inputValue()).toBe('self::usp-console');
  });

  it('rotates the token with --new-token: the old address no longer opens', async () => {
    const old = serve.token;
    await serve.stop();
    serve = await startServe(['--data', dataDir, '--port', String(port), '--new-token']);
    expect(serve.token).not.toBe(old);
    await browser.context.clearCookies();
    const fresh = await browser.context.newPage();
    const refused = await fresh.goto(`${serve.origin}/?token=${old}`);
    expect(refused?.status()).toBe(401);
    const accepted = await fresh.goto(serve.url);
    expect(accepted?.status()).toBe(200);
    await fresh.close();
  });
});
