import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForCount, waitForText } from './helpers/wait';

// The Notifications feed: ValueChange from a subscription made in the tree, OperationComplete
// of a command, and the filters.
describe('Notifications feed', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ openAgent: true }, (session, page) => {
    s = session;
    ui = page;
  });

  it('shows the ValueChange of a parameter subscribed to from the tree', async () => {
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await s.page.getByTestId('param-subscribe').click();
    await ui.setValue('Device.WiFi.SSID.1.SSID', 'e2e-network');
    await ui.nav('feed');
    await waitForText(s.page.locator('[data-testid="feed-row"][data-type="ValueChange"]'), (t) => t.includes('e2e-network'));
    await screenshot(s.page, 'feed-01-value-change');
  });

  it('shows the OperationComplete of an asynchronous command', async () => {
    await ui.nav('tree');
    await ui.reveal('Device.IP.Diagnostics.IPPing()');
    await s.page.getByTestId('command-arg-Host').fill('192.0.2.10');
    await s.page.getByTestId('command-run').click();
    await waitForText(s.page.getByTestId('command-outcome'), (t) => t.includes('OperationComplete'), 30_000);
    await ui.nav('feed');
    await waitForText(s.page.locator('[data-testid="feed-row"][data-type="OperationComplete"]'), (t) => t.includes('IPPing()'));
  });

  it('filters the feed by type and by path', async () => {
    const rows = s.page.getByTestId('feed-row');
    await waitForCount(rows, (n) => n >= 2);
    await s.page.getByTestId('feed-filter-type').click({ force: true });
    await s.page.getByRole('option', { name: 'ValueChange' }).click();
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.locator('[data-testid="feed-row"]:not([data-type="ValueChange"])'), (n) => n === 0);
    expect(await rows.count()).toBeGreaterThan(0);
    await s.page.getByTestId('feed-filter-path').fill('Device.WiFi.SSID.1.');
    await waitForText(rows, (t) => t.includes('e2e-network'));
    await screenshot(s.page, 'feed-02-filtered');
  });

  it('charts numeric parameters with uPlot: time axis, legend values, several series', async () => {
    await ui.nav('tree');
    for (const path of ['Device.WiFi.Radio.1.Channel', 'Device.WiFi.Radio.2.Channel']) {
      await ui.reveal(path);
      await s.page.getByTestId('param-subscribe').click();
      await waitForText(s.page.locator('.mantine-Notification-root').last(), (t) => t.includes('Subscribed'));
    }
    for (const [path, value] of [['Device.WiFi.Radio.1.Channel', '3'], ['Device.WiFi.Radio.2.Channel', '48'], ['Device.WiFi.Radio.1.Channel', '9']] as const) {
      await ui.setValue(path, value);
    }
    await ui.nav('feed');
    await s.page.getByTestId('feed-filter-path').fill('');
    for (const path of ['Device.WiFi.Radio.1.Channel', 'Device.WiFi.Radio.2.Channel']) {
      await s.page.getByTestId('feed-chart-param').click();
      await s.page.getByRole('option', { name: `${s.agentIds[0]} ${path}` }).click();
      await s.page.keyboard.press('Escape');
    }
    const chart = s.page.getByTestId('feed-chart');
    await chart.locator('canvas').waitFor();
    await waitForText(chart.locator('.u-legend'), (t) => t.includes('Radio.1.Channel') && t.includes('Radio.2.Channel'));
    expect(await chart.locator('.u-axis').count()).toBeGreaterThanOrEqual(2);
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    await s.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await waitForText(chart.locator('.u-legend'), (t) => /Radio\.1\.Channel\s*9/.test(t));
    await screenshot(s.page, 'feed-03-chart');
  });

  it('re-creates the subscriptions made from the console that an agent lost when it comes back, persistent, and says so in the feed', async () => {
    const agent = s.fleet.agents[0]!;
    const table = 'Device.LocalAgent.Subscription.';
    const ours = (): { row: string; id: string; type: string | undefined; persistent: string | undefined }[] =>
      agent.model.instances(table)
        .map((i) => ({ row: `${table}${i}.`, id: agent.model.get(`${table}${i}.ID`) ?? '', type: agent.model.get(`${table}${i}.NotifType`), persistent: agent.model.get(`${table}${i}.Persistent`) }))
        // Those made from the tree (the OperationComplete one belongs to a command run).
        .filter((r) => r.id.startsWith('usp-console') && r.type === 'ValueChange');
    await ui.nav('tree');
    await ui.reveal('Device.WiFi.SSID.2.SSID');
    await s.page.getByTestId('param-subscribe').click();
    await waitForText(s.page.locator('.mantine-Notification-root').last(), (t) => t.includes('Subscribed'));
    const before = ours();
    expect(before.length).toBeGreaterThanOrEqual(1);
    // Created persistent, so that they survive a reboot of the agent.
    expect(before.every((r) => r.persistent === 'true')).toBe(true);

    // Lost behind the console's back (another controller, a factory reset), then the agent reconnects.
    for (const r of before) agent.model.deleteInstance(r.row);
    expect(ours()).toEqual([]);
    await agent.stop();
    await agent.start();
    await ui.nav('feed');
    // Whichever the console notices first, the Boot! or the new connection, triggers the check.
    await s.page.getByTestId('feed-note').filter({ hasText: new RegExp(`${s.agentIds[0]}: re-created ${before.length} subscriptions after (it reconnected|Boot!)`) }).first().waitFor();
    expect(ours().map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(ours().every((r) => r.persistent === 'true')).toBe(true);
    await screenshot(s.page, 'feed-04-subscriptions-recreated');
  });
});
