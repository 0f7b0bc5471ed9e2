import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SimFleet } from '../../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../../src/main/sim/sim-transports';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { launchChromium, screenshot } from './helpers/browser';
import { startServe, type ServeProcess } from './helpers/serve-process';
import { waitForCount, waitForText } from './helpers/wait';

// A user's session against `usp-console serve`, in Debian's Chromium: two simulated agents
// (the built-in home gateway) dial the console's WebSocket listener from this process, so
// the test can also take one of them away.
const AGENT = 'proto::e2e-agent-1';
const OTHER = 'proto::e2e-agent-2';

function status(origin: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('USP Console in the browser', () => {
  let serve: ServeProcess;
  let fleet: SimFleet;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  const row = (path: string) => page.getByTestId(`tree-row-${path}`);
  const expand = async (path: string): Promise<void> => {
    await row(path).waitFor();
    if ((await row(path).getAttribute('aria-expanded')) !== 'true') await row(path).getByTestId('tree-toggle').click();
  };

  beforeAll(async () => {
    const port = await freePort();
    serve = await startServe(['--data', await tempDir(), '--ws-listen', `127.0.0.1:${port}/usp`]);
    fleet = new SimFleet({
      count: 2,
      idPrefix: 'proto::e2e-agent-',
      controllerId: 'self::usp-console',
      link: (endpointId) => websocketAgentLink(endpointId, `ws://127.0.0.1:${port}/usp`),
      agent: { asyncCommandMs: 200 },
    });
    await fleet.start();
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await fleet?.stop();
    await serve?.stop();
  });

  it('refuses the page, its assets and the API without the token', async () => {
    expect(await status(serve.origin, '/')).toBe(401);
    expect(await status(serve.origin, '/index.html')).toBe(401);
    expect(await status(serve.origin, '/?token=not-the-token')).toBe(401);
    const response = await page.goto(serve.origin + '/');
    expect(response?.status()).toBe(401);
    expect(await page.locator('body').innerText()).toContain('Unauthorized');
  });

  it('opens with the printed address and lists the agents as online', async () => {
    await page.goto(serve.url);
    // The token was traded for a cookie and taken out of the address bar.
    expect(page.url()).toBe(`${serve.origin}/`);
    const cookies = await browser.context.cookies(serve.origin);
    expect(cookies.find((c) => c.name === 'usp_console_token')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByTestId('server-connection').waitFor();
    for (const id of [AGENT, OTHER]) {
      await waitForText(page.getByTestId(`agent-row-${id}`), (t) => /online/i.test(t) && t.includes('HGW-5400AX'));
    }
    await screenshot(page, '01-agents');
  });

  it('opens an agent and browses its tree', async () => {
    await page.getByTestId(`agent-row-${AGENT}`).getByTestId('agent-open').click();
    await page.getByTestId('tree-view').waitFor();
    await expand('Device.WiFi.');
    await expand('Device.WiFi.SSID.');
    await expand('Device.WiFi.SSID.1.');
    await row('Device.WiFi.SSID.1.SSID').click();
    await waitForText(page.getByTestId('param-details'), (t) => t.includes('Device.WiFi.SSID.1.SSID') && t.includes('string'));
    await screenshot(page, '02-tree');
  });

  it('searches the tree by path with a wildcard', async () => {
    await page.getByTestId('tree-search').fill('Device.WiFi.SSID.*.SSID');
    await page.getByTestId('tree-search-go').click();
    await waitForCount(page.locator('[data-testid^="search-match-Device.WiFi.SSID."]'), (n) => n >= 2);
    await screenshot(page, '03-tree-search');
  });

  it('edits a parameter and sees the new value and its ValueChange in the feed', async () => {
    await row('Device.WiFi.SSID.1.SSID').click();
    await page.getByTestId('param-subscribe').click();
    await page.getByTestId('param-edit').fill('e2e-network');
    await page.getByTestId('param-save').click();
    await waitForText(row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value'), (t) => t.includes('e2e-network'));
    await page.getByTestId('nav-feed').click();
    await waitForText(page.locator('[data-testid="feed-row"][data-type="ValueChange"]'), (t) => t.includes('e2e-network'));
    await screenshot(page, '04-feed');
  });
});
