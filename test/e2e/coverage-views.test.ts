import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AgentSummary, ConsoleSettings, SubscriptionInfo } from '../../src/shared/console-api';
import { SimFleet } from '../../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../../src/main/sim/sim-transports';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { apiClient, type ApiClient } from './helpers/api-client';
import { launchChromium, screenshot } from './helpers/browser';
import { startServe, type ServeProcess } from './helpers/serve-process';
import { waitForCount, waitForText } from './helpers/wait';

/** Polls an API call until its answer satisfies `ok` (the console applies changes asynchronously). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The views no other e2e test reaches (issue 12): the message composer, the subscriptions
// modal, settings editing, snapshot diff and export (the chart is in feed.test.ts). One simulated home
// gateway with its counters frozen (tickMs 0), so the only changes are the test's own.
const AGENT = 'proto::cov-agent-1';
const SSID = 'Device.WiFi.SSID.1.SSID';
const ADMIN_PASSWORD = 'Gw!7f10-Adm1n';

describe('USP Console views in the browser', () => {
  let serve: ServeProcess;
  let fleet: SimFleet;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let api: ApiClient;

  /** Picks an option of a Mantine Select (its input carries the test id); clicking the chosen one would clear it. */
  const choose = async (testId: string, option: string | RegExp): Promise<void> => {
    const current = await page.getByTestId(testId).inputValue();
    if (typeof option === 'string' ? current === option : option.test(current)) return;
    await page.getByTestId(testId).click({ force: true });
    await page.getByRole('option', { name: option }).first().click();
  };

  beforeAll(async () => {
    const port = await freePort();
    serve = await startServe(['--data', await tempDir(), '--ws-listen', `127.0.0.1:${port}/usp`]);
    fleet = new SimFleet({
      count: 1,
      idPrefix: 'proto::cov-agent-',
      controllerId: 'self::usp-console',
      link: (endpointId) => websocketAgentLink(endpointId, `ws://127.0.0.1:${port}/usp`),
      agent: { tickMs: 0 },
    });
    await fleet.start();
    api = await apiClient(serve.origin, serve.token);
    await eventually(() => api.call<AgentSummary[]>('listAgents'), (list) => list.some((a) => a.agentId === AGENT && a.presence === 'online'), 'the agent online');
    browser = await launchChromium();
    page = browser.page;
    await page.goto(serve.url);
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /online/i.test(t));
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await fleet?.stop();
    await serve?.stop();
  });

  it('composes a Get in the message composer and shows the agent\'s answer', async () => {
    await page.getByTestId('nav-inspector').click();
    await page.getByTestId('compose-open').click();
    await page.getByRole('dialog', { name: 'Compose a USP message' }).waitFor();
    await choose('composer-agent', AGENT);
    await page.getByTestId('composer-send').click();
    await waitForText(page.getByTestId('composer-response'), (t) => t.includes('get_resp') && t.includes('HGW-5400AX'));
    expect(await page.getByTestId('composer-result').innerText()).toMatch(/Sent msg_id \S+/);
    // Broken JSON cannot be sent.
    await page.getByTestId('composer-json').fill('{ "header": ');
    expect(await page.getByTestId('composer-send').isDisabled()).toBe(true);
    await screenshot(page, 'coverage-01-composer');
    await page.keyboard.press('Escape');
    await waitForCount(page.getByRole('dialog'), (n) => n === 0);
  });

  it('lists the agent\'s subscriptions in the modal and unsubscribes one', async () => {
    const sub = await api.call<SubscriptionInfo>('subscribe', AGENT, { notifType: 'ObjectCreation', referenceList: ['Device.NAT.PortMapping.'] });
    await page.getByTestId('nav-agents').click();
    await page.getByTestId(`agent-row-${AGENT}`).getByTestId('agent-open').click();
    await page.getByTestId('tree-view').waitFor();
    await page.getByTestId('tree-subscriptions').click();
    const row = page.getByTestId(`subscription-${sub.id}`);
    await waitForText(row, (t) => t.includes('ObjectCreation') && t.includes('Device.NAT.PortMapping.') && /enabled/i.test(t));
    await screenshot(page, 'coverage-02-subscriptions');
    await row.getByTestId('subscription-delete').click();
    await waitForCount(row, (n) => n === 0);
    const left = await api.call<SubscriptionInfo[]>('listSubscriptions', AGENT);
    expect(left.map((s) => s.id)).not.toContain(sub.id);
    await page.keyboard.press('Escape');
    await waitForCount(page.getByRole('dialog'), (n) => n === 0);
  });

  it('edits settings: refuses an invalid Endpoint ID, saves a new request timeout', async () => {
    await page.getByTestId('nav-settings').click();
    const endpoint = page.getByTestId('settings-endpoint-id');
    await endpoint.fill('not an endpoint id');
    await page.getByTestId('settings-problems').waitFor();
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
    await endpoint.fill('self::usp-console');
    await waitForCount(page.getByTestId('settings-problems'), (n) => n === 0);
    await page.getByLabel('Request timeout').fill('45000');
    await page.getByTestId('settings-save').click();
    const settings = await eventually(() => api.call<ConsoleSettings>('getSettings'), (s) => s.requestTimeoutMs === 45_000, 'the saved request timeout');
    expect(settings.controllerEndpointId).toBe('self::usp-console');
    await screenshot(page, 'coverage-04-settings');
  });

  it('diffs two snapshots and exports one without its secrets', async () => {
    await page.getByTestId('nav-snapshots').click();
    await page.getByTestId('snapshots-view').waitFor();
    const capture = async (name: string): Promise<void> => {
      await choose('snapshot-agent', AGENT);
      await page.getByTestId('snapshot-name').fill(name);
      await page.getByTestId('snapshot-capture').click();
      await waitForText(page.locator('[data-testid^="snapshot-row-"]', { hasText: name }), (t) => t.includes(name), 30_000);
    };
    await capture('cov-before');
    await api.call('setParameterValues', AGENT, [{ path: SSID, value: 'cov-after-ssid' }]);
    await capture('cov-after');

    await choose('diff-left', /Snapshot: cov-before/);
    await choose('diff-right', /Snapshot: cov-after/);
    await page.getByTestId('diff-run').click();
    await waitForText(page.getByTestId('diff-result'), (t) => /cov-before → cov-after/.test(t) && /\b1 changed\b/i.test(t) && /\b0 added\b/i.test(t));
    const changed = page.locator('[data-testid="diff-entry"][data-change="changed"]');
    await waitForText(changed, (t) => t.includes(SSID) && t.includes('cov-after-ssid'));
    await screenshot(page, 'coverage-05-diff');

    const row = page.locator('[data-testid^="snapshot-row-"]', { hasText: 'cov-after' });
    await row.getByTestId('snapshot-export').click();
    await page.getByTestId('snapshot-export-go').waitFor();
    await page.getByTestId('snapshot-export-format').getByText('JSON', { exact: false }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('snapshot-export-go').click();
    const file = await (await download).path();
    const text = await readFile(file, 'utf8');
    const doc = JSON.parse(text) as { redacted: boolean; values: { path: string; value: string; redacted?: boolean }[] };
    expect(doc.redacted).toBe(true);
    expect(doc.values.find((v) => v.path === SSID)?.value).toBe('cov-after-ssid');
    expect(doc.values.find((v) => v.path === 'Device.Users.User.1.Password')).toMatchObject({ value: '', redacted: true });
    expect(text).not.toContain(ADMIN_PASSWORD);
  });
});
