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
    expect(cookies.find((c) => c.name.startsWith('usp_console_token_'))).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
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

  it('adds an instance with its unique keys and deletes it again', async () => {
    await page.getByTestId('nav-tree').click();
    await expand('Device.NAT.');
    await row('Device.NAT.PortMapping.').click();
    await page.getByTestId('object-add').click();
    await page.getByTestId('add-param-Alias').fill('e2e-map');
    await page.getByTestId('add-param-ExternalPort').fill('18080');
    await page.getByTestId('add-param-Protocol').fill('TCP');
    await page.getByTestId('add-instance-submit').click();
    await expand('Device.NAT.PortMapping.');
    const added = page.locator('[data-testid^="tree-row-Device.NAT.PortMapping."][data-kind="instance"]', { hasText: 'e2e-map' });
    await added.waitFor();
    const path = (await added.getAttribute('aria-label')) ?? '';
    expect(path).toMatch(/^Device\.NAT\.PortMapping\.\d+\.$/);
    await screenshot(page, '05-instance-added');

    await added.click();
    await page.getByTestId('object-delete').click();
    await page.getByTestId('object-delete-confirm').click();
    await waitForCount(page.getByTestId(`tree-row-${path}`), (n) => n === 0);
  });

  it('runs an asynchronous command and sees its OperationComplete', async () => {
    await expand('Device.IP.');
    await expand('Device.IP.Diagnostics.');
    await row('Device.IP.Diagnostics.IPPing()').click();
    const args = { ProtocolVersion: 'Any', Host: '192.0.2.10', NumberOfRepetitions: '3', Timeout: '1000', DataBlockSize: '64' };
    for (const [name, value] of Object.entries(args)) await page.getByTestId(`command-arg-${name}`).fill(value);
    await page.getByTestId('command-run').click();
    const outcome = page.getByTestId('command-outcome');
    await waitForText(outcome, (t) => t.includes('OperationComplete') && t.includes('SuccessCount = 3'), 30_000);
    expect(await outcome.getAttribute('data-outcome')).toBe('output');
    await screenshot(page, '06-command');
    await page.getByTestId('nav-feed').click();
    await waitForText(page.locator('[data-testid="feed-row"][data-type="OperationComplete"]'), (t) => t.includes('IPPing()'));
  });

  it('filters the feed by type and by path', async () => {
    const rows = page.getByTestId('feed-row');
    await waitForCount(rows, (n) => n >= 3);
    await page.getByTestId('feed-filter-type').click({ force: true });
    await page.getByRole('option', { name: 'ValueChange' }).click();
    await page.keyboard.press('Escape');
    await waitForCount(page.locator('[data-testid="feed-row"]:not([data-type="ValueChange"])'), (n) => n === 0);
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByTestId('feed-filter-path').fill('Device.WiFi.SSID.1.');
    await waitForText(rows, (t) => t.includes('e2e-network'));
    await screenshot(page, '07-feed-filtered');
  });

  it('shows an agent offline when it goes away, with its cached tree still browsable', async () => {
    await fleet.agents[0]!.stop();
    await page.getByTestId('nav-agents').click();
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /offline/i.test(t));
    await waitForText(page.getByTestId(`agent-row-${OTHER}`), (t) => /online/i.test(t));
    await page.getByTestId(`agent-row-${AGENT}`).getByTestId('agent-open').click();
    await page.getByTestId('tree-offline-banner').waitFor();
    await expand('Device.WiFi.');
    await expand('Device.WiFi.SSID.');
    await expand('Device.WiFi.SSID.1.');
    await waitForText(row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value'), (t) => t.includes('e2e-network'));
    await screenshot(page, '08-offline-cache');
  });

  it('inspects a request and its paired response', async () => {
    await page.getByTestId('nav-inspector').click();
    const set = page.locator('[data-testid="trace-row"][data-msg-type="SET"]');
    await set.first().waitFor();
    await set.first().click();
    await page.getByTestId('trace-detail').waitFor();
    await waitForText(page.getByTestId('trace-message-json'), (t) => t.includes('Device.WiFi.SSID.1.') && t.includes('e2e-network'));
    await waitForText(page.getByTestId('trace-latency'), (t) => /\d+ ms/.test(t));
    await page.getByTestId('trace-pair-link').click();
    await waitForText(page.getByTestId('trace-message-json'), (t) => t.includes('set_resp') && t.includes('e2e-network'));
    await screenshot(page, '09-inspector');
  });

  it('captures a snapshot of the offline agent from its cache, and shows the settings', async () => {
    await page.getByTestId('nav-snapshots').click();
    await page.getByTestId('snapshots-view').waitFor();
    await page.getByTestId('snapshot-name').fill('e2e-offline');
    await page.getByTestId('snapshot-capture').click();
    await waitForText(page.locator('[data-testid^="snapshot-row-"]'), (t) => t.includes('e2e-offline'), 30_000);
    await screenshot(page, '10-snapshots');
    await page.getByTestId('nav-settings').click();
    await waitForText(page.getByTestId('settings-view'), (t) => t.includes('127.0.0.1'));
    expect(await page.getByTestId('settings-endpoint-id').inputValue()).toBe('self::usp-console');
    await screenshot(page, '11-settings');
  });
});
