import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForCount, waitForText } from './helpers/wait';

function status(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

// The Agents view: the token gate, the fleet as it comes and goes, opening an agent.
describe('Agents view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ agents: 3, connected: 2, open: false }, (session, page) => {
    s = session;
    ui = page;
  });

  it('refuses the page, its assets and the API without the token', async () => {
    expect(await status(s.serve.origin, '/')).toBe(401);
    expect(await status(s.serve.origin, '/index.html')).toBe(401);
    expect(await status(s.serve.origin, '/?token=not-the-token')).toBe(401);
    const response = await s.page.goto(s.serve.origin + '/');
    expect(response?.status()).toBe(401);
    expect(await s.page.locator('body').innerText()).toContain('Unauthorized');
  });

  it('opens with the printed address and lists the agents as online', async () => {
    await ui.open(s.serve);
    // The token was traded for a cookie and taken out of the address bar.
    expect(s.page.url()).toBe(`${s.serve.origin}/`);
    const cookies = await s.browser.context.cookies(s.serve.origin);
    expect(cookies.find((c) => c.name.startsWith('usp_console_token_'))).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    for (const id of s.agentIds.slice(0, 2)) {
      await waitForText(ui.agentRow(id), (t) => /online/i.test(t) && t.includes('HGW-5400AX'));
    }
    await screenshot(s.page, 'agents-01-online');
  });

  it('says in words why an agent is online and how it is reached: no connection ids, "now" while online', async () => {
    const id = s.agentIds[0]!;
    await ui.nav('agents');
    await ui.agentRow(id).click();
    const details = s.page.getByTestId('agent-details');
    await waitForText(details.getByTestId('agent-presence-reason'), (t) => t.startsWith('connected over WebSocket from 127.0.0.1'));
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    const mtp = await waitForText(details.getByTestId('agent-field-mtp'), (t) => t.includes('WebSocket from 127.0.0.1'));
    expect(mtp).not.toMatch(uuid);
    const link = await waitForText(details.getByTestId('agent-mtp'), (t) => t.includes('connected over WebSocket from 127.0.0.1'));
    expect(link).not.toMatch(uuid);
    expect(await details.getByTestId('agent-field-last-seen').innerText()).toMatch(/Last seen\s+now/);
    // The reason wraps in the 300 px panel instead of running out of it.
    const cut = await details.getByTestId('agent-presence-reason').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(cut).toBe(false);
    await screenshot(s.page, 'agents-03-presence-words');
  });

  it('shows an agent offline when it goes away, with its cached tree still browsable', async () => {
    const [gone, other] = s.agentIds as [string, string];
    await ui.openAgent(gone);
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await waitForText(ui.row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value'), (t) => t.trim() !== '');
    const cached = await ui.row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value').innerText();

    await s.fleet.agents[0]!.stop();
    await ui.nav('agents');
    await waitForText(ui.agentRow(gone), (t) => /offline/i.test(t));
    await waitForText(ui.agentRow(other), (t) => /online/i.test(t));
    await ui.agentRow(gone).getByTestId('agent-open').click();
    await s.page.getByTestId('tree-offline-banner').waitFor();
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await waitForText(ui.row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value'), (t) => t.includes(cached));
    await screenshot(s.page, 'agents-02-offline-cache');
  });

  it('lists an agent that connects while a view is open in every agent picker (one agents store)', async () => {
    const late = s.agentIds[2]!;
    await ui.nav('feed');
    await s.fleet.agents[2]!.start();
    await s.page.getByTestId('feed-filter-agent').click();
    await s.page.getByRole('option', { name: late }).waitFor();
    await s.page.keyboard.press('Escape');
    await ui.nav('agents');
    await ui.waitOnline(late);
  });

  it('works from the keyboard: Tab reaches the sidebar, arrows move through agents, Enter opens, Escape closes a dialog', async () => {
    await ui.nav('agents');
    await s.page.getByTestId('nav-agents').focus();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-tree');
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('agent-list').focus();
    await s.page.keyboard.press('Home');
    await waitForText(s.page.locator('[data-testid^="agent-row-"][aria-selected="true"]'), (t) => t.includes(s.agentIds[0]!));
    await s.page.keyboard.press('ArrowDown');
    await waitForText(s.page.locator('[data-testid^="agent-row-"][aria-selected="true"]'), (t) => t.includes(s.agentIds[1]!));
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('tree-view').waitFor();
    await s.page.getByTestId('tree-subscriptions').click();
    await s.page.locator('.mantine-Modal-content').waitFor();
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.locator('.mantine-Modal-content'), (n) => n === 0);
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tree-subscriptions');
  });
});
