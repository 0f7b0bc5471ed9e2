import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { clippedTexts } from './helpers/clipping';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForCount, waitForText } from './helpers/wait';

// The Tree view of one simulated home gateway: browse, search, edit, Add/Delete, commands.
describe('Tree view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ openAgent: true }, (session, page) => {
    s = session;
    ui = page;
  });

  it('browses the tree and shows a parameter\'s details', async () => {
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await waitForText(s.page.getByTestId('param-details'), (t) => t.includes('Device.WiFi.SSID.1.SSID') && t.includes('string'));
    await screenshot(s.page, 'tree-01-browse');
  });

  it('searches the tree by path with a wildcard', async () => {
    await s.page.getByTestId('tree-search').fill('Device.WiFi.SSID.*.SSID');
    await s.page.getByTestId('tree-search-go').click();
    await waitForCount(s.page.locator('[data-testid^="search-match-Device.WiFi.SSID."]'), (n) => n >= 2);
  });

  it('shows each subscription in full in the subscriptions modal: when, state, references, who made it', async () => {
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await s.page.getByTestId('param-subscribe').click();
    await s.page.getByTestId('tree-subscriptions').click();
    const row = s.page.locator('[data-testid^="subscription-usp-console"]', { hasText: 'Device.WiFi.SSID.1.SSID' });
    await waitForText(row, (t) => t.includes('ValueChange'));
    expect(await row.getByTestId('subscription-created').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await row.getByTestId('subscription-references').innerText()).toBe('Device.WiFi.SSID.1.SSID');
    const state = await row.getByTestId('subscription-state').innerText();
    expect(state).toMatch(/enabled/i);
    expect(state).toMatch(/persistent/i);
    expect(state).toMatch(/no retry/i);
    expect(state).toMatch(/no expiry/i);
    expect(await row.getByTestId('subscription-owner').innerText()).toBe('this console');
    expect(await row.innerText()).toMatch(/Device\.LocalAgent\.Subscription\.\d+\./);
    await screenshot(s.page, 'tree-07-subscriptions');
    expect(await clippedTexts(s.page)).toEqual([]);
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.locator('.mantine-Modal-content'), (n) => n === 0);
  });

  it('shows a live search\'s progress and refreshes live results after an edit', async () => {
    // Every text the progress line shows, however briefly.
    await s.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { searchProgress: string[] }).searchProgress = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="tree-search-progress"]')?.textContent;
        if (text && !seen.includes(text)) seen.push(text);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await s.page.getByTestId('tree-search-kind').getByText('Path').click();
    await s.page.getByTestId('tree-search').fill('Device.WiFi.SSID.*.SSID');
    await s.page.getByTestId('tree-search-go').click();
    await waitForText(s.page.getByTestId('tree-search-count'), (t) => /^\d+ matches \(live\)$/.test(t));
    await waitForCount(s.page.getByTestId('tree-search-progress'), (n) => n === 0);
    const seen = await s.page.evaluate(() => (window as unknown as { searchProgress: string[] }).searchProgress);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => /^(Searching…|Reading Device\.WiFi\.SSID\.\*\.SSID live from proto::e2e-agent-1…)$/.test(t))).toBe(true);

    await ui.setValue('Device.WiFi.SSID.3.SSID', 'after-the-search');
    await waitForText(s.page.getByTestId('search-match-Device.WiFi.SSID.3.SSID'), (t) => t.includes('after-the-search'));
    await waitForText(s.page.getByTestId('tree-search-count'), (t) => t.endsWith('(live, refreshed after an edit)'));
    await screenshot(s.page, 'tree-11-live-search-refreshed');
    await s.page.getByTestId('tree-search-clear').click();
  });

  it('edits a parameter and sees the new value', async () => {
    await ui.setValue('Device.WiFi.SSID.1.SSID', 'e2e-network');
  });

  it('confirms every edit the same way from a tree row, the details pane and a table cell; a refused Set names the parameter\'s own reason', async () => {
    const toast = (text: string) => s.page.locator('.mantine-Notification-root', { hasText: text });
    const ssid = 'Device.WiFi.SSID.2.SSID';
    // Search results above the tree would move its rows while they refresh.
    if ((await s.page.getByTestId('tree-search-clear').count()) > 0) await s.page.getByTestId('tree-search-clear').click();
    const iface = 'Device.NAT.PortMapping.1.Interface';
    // In the tree row: an invalid value says why next to the field on Enter, a valid one is set and confirmed.
    await ui.reveal(ssid);
    await ui.row(ssid).dblclick();
    const inline = s.page.getByTestId('tree-inline-edit');
    await inline.fill('x'.repeat(33));
    await inline.press('Enter');
    await waitForText(s.page.getByTestId('tree-inline-error'), (t) => t.includes('Too long'));
    await inline.fill('from-the-row');
    await inline.press('Enter');
    await toast(`${ssid} set to "from-the-row"`).waitFor();
    await waitForCount(inline, (n) => n === 0);
    // In the details pane: the same confirmation (looked for at once: it closes by itself after 3 s).
    await ui.reveal(ssid);
    await s.page.getByTestId('param-edit').fill('from-the-pane');
    await s.page.getByTestId('param-save').click();
    await toast(`${ssid} set to "from-the-pane"`).waitFor();
    await waitForText(ui.row(ssid).getByTestId('tree-value'), (t) => t.includes('from-the-pane'));

    // A reference to an IP interface that does not exist: only the agent can tell; its own reason comes first.
    await ui.reveal(iface);
    await s.page.getByTestId('param-edit').fill('Device.IP.Interface.9');
    await s.page.getByTestId('param-save').click();
    await waitForText(s.page.getByTestId('param-set-error'), (t) => t.includes('Device.IP.Interface.9 is not an existing'));
    const refused = toast('Device.IP.Interface.9 is not an existing').first();
    await refused.waitFor();
    expect(await refused.locator('.mantine-Notification-title').innerText()).not.toMatch(/Required parameter failed/);
    await ui.row(iface).dblclick();
    await s.page.getByTestId('tree-inline-edit').fill('Device.IP.Interface.9');
    await s.page.getByTestId('tree-inline-edit').press('Enter');
    await waitForText(s.page.getByTestId('tree-inline-error'), (t) => t.includes('Device.IP.Interface.9 is not an existing'));
    await s.page.getByTestId('tree-inline-edit').press('Escape');

    // In a table cell: the same confirmation and the same refusal words.
    await ui.reveal('Device.NAT.PortMapping.');
    await s.page.getByTestId('object-table-open').click();
    await s.page.getByTestId('table-cell-1-Description').dblclick();
    await s.page.getByTestId('table-cell-edit').fill('from-the-table');
    await s.page.getByTestId('table-cell-edit').press('Enter');
    await toast('Device.NAT.PortMapping.1.Description set to "from-the-table"').waitFor();
    await s.page.getByTestId('table-cell-1-Interface').dblclick();
    await s.page.getByTestId('table-cell-edit').fill('Device.IP.Interface.9');
    await s.page.getByTestId('table-cell-edit').press('Enter');
    await waitForText(s.page.getByTestId('table-cell-error'), (t) => t.includes('Device.IP.Interface.9 is not an existing'));
    await screenshot(s.page, 'tree-09-refused-in-table');
    await s.page.getByTestId('table-cell-edit').press('Escape');
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.getByTestId('table-view'), (n) => n === 0);
  });

  it('adds an instance with its unique keys and deletes it again', async () => {
    await ui.reveal('Device.NAT.PortMapping.');
    await s.page.getByTestId('object-add').click();
    await s.page.getByTestId('add-param-Alias').fill('e2e-map');
    await s.page.getByTestId('add-param-ExternalPort').fill('18080');
    // Protocol is an enumeration in TR-181: a select, not free text.
    await ui.choose('add-param-Protocol', 'TCP');
    await s.page.getByTestId('add-instance-submit').click();
    await ui.expand('Device.NAT.PortMapping.');
    const added = s.page.locator('[data-testid^="tree-row-Device.NAT.PortMapping."][data-kind="instance"]', { hasText: 'e2e-map' });
    await added.waitFor();
    const path = (await added.getAttribute('aria-label')) ?? '';
    expect(path).toMatch(/^Device\.NAT\.PortMapping\.\d+\.$/);

    await added.click();
    await s.page.getByTestId('object-delete').click();
    await s.page.getByTestId('object-delete-confirm').click();
    await waitForCount(s.page.getByTestId(`tree-row-${path}`), (n) => n === 0);
  });

  it('after Add the new instance is revealed and selected, the table\'s count and rows follow; the unique keys are the agent\'s', async () => {
    const table = 'Device.NAT.PortMapping.';
    const count = async (): Promise<number> => Number(/table · (\d+)/i.exec(await ui.row(table).getByTestId('tree-badge').innerText())?.[1] ?? NaN);
    await ui.reveal(table);
    await waitForText(ui.row(table).getByTestId('tree-badge'), (t) => /table · \d+/i.test(t));
    const before = await count();
    await s.page.getByTestId('object-add').click();
    // The simulator's GetSupportedDM: two unique key sets.
    expect(await s.page.getByTestId('add-unique-keys').innerText()).toContain("as the agent's GetSupportedDM gives them: Alias | RemoteHost + ExternalPort + Protocol");
    await s.page.getByTestId('add-param-Alias').fill('e2e-reveal');
    await s.page.getByTestId('add-param-ExternalPort').fill('18081');
    await ui.choose('add-param-Protocol', 'TCP');
    await s.page.getByTestId('add-instance-submit').click();
    const selected = s.page.locator(`[data-testid^="tree-row-${table}"][data-kind="instance"][aria-selected="true"]`);
    await waitForText(selected, (t) => t.includes('e2e-reveal'));
    const path = (await selected.getAttribute('aria-label')) ?? '';
    await waitForText(s.page.getByTestId('object-details'), (t) => t.startsWith(path));
    await waitForText(ui.row(table).getByTestId('tree-badge'), (t) => new RegExp(`table · ${before + 1}$`, 'i').test(t));

    // Added from the table view: its count and rows follow, the new row is selected.
    await ui.reveal(table);
    await s.page.getByTestId('object-table-open').click();
    await waitForText(s.page.getByTestId('table-count'), (t) => t.startsWith(`${before + 1} of ${before + 1} instances`));
    await s.page.getByTestId('table-add').click();
    await s.page.getByTestId('add-param-Alias').fill('e2e-in-table');
    await s.page.getByTestId('add-param-ExternalPort').fill('18082');
    await ui.choose('add-param-Protocol', 'UDP');
    await s.page.getByTestId('add-instance-submit').click();
    await waitForText(s.page.getByTestId('table-count'), (t) => t.startsWith(`${before + 2} of ${before + 2} instances`));
    await waitForText(s.page.locator('[data-testid^="table-row-"][aria-selected="true"]'), (t) => t.includes('e2e-in-table'));
    await screenshot(s.page, 'tree-08-added-in-table');
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.getByTestId('table-view'), (n) => n === 0);
    await waitForText(ui.row(table).getByTestId('tree-badge'), (t) => new RegExp(`table · ${before + 2}$`, 'i').test(t));
  });

  it('runs IPPing the first time from a typed form: defaults filled, only the host to type', async () => {
    await ui.reveal('Device.IP.Diagnostics.IPPing()');
    const form = s.page.getByTestId('command-form');
    expect(await s.page.getByTestId('command-arg-ProtocolVersion').inputValue()).toBe('Any');
    expect(await s.page.getByTestId('command-arg-NumberOfRepetitions').inputValue()).toBe('3');
    await waitForText(form, (t) => t.includes('Timeout (milliseconds)') && t.includes('range 1..65535'));
    await waitForText(s.page.getByTestId('command-missing'), (t) => t.includes('Host'));
    expect(await s.page.getByTestId('command-run').isDisabled()).toBe(true);
    await s.page.getByTestId('command-arg-DataBlockSize').fill('70000');
    await waitForText(form, (t) => t.includes('Out of range'));
    await s.page.getByTestId('command-arg-DataBlockSize').fill('64');
    await s.page.getByTestId('command-arg-Host').fill('192.0.2.10');
    await screenshot(s.page, 'tree-02-typed-command-form');
    await s.page.getByTestId('command-run').click();
    const outcome = s.page.getByTestId('command-outcome');
    await waitForText(outcome, (t) => t.includes('OperationComplete') && t.includes('SuccessCount = 3'), 30_000);
    expect(await outcome.getAttribute('data-outcome')).toBe('output');
    await screenshot(s.page, 'tree-03-command-done');
  });

  it('shows the reference\'s facts in the details pane and checks ranges and enumerations before sending', async () => {
    await ui.reveal('Device.DeviceInfo.UpTime');
    await waitForText(s.page.getByTestId('param-units'), (t) => t === 'seconds');
    await s.page.getByTestId('param-volatile').waitFor();
    await ui.reveal('Device.WiFi.Radio.1.Channel');
    await waitForText(s.page.getByTestId('param-type'), (t) => t.includes('range 1..255'));
    await s.page.getByTestId('param-edit').fill('999');
    await waitForText(s.page.getByTestId('param-details'), (t) => t.includes('Out of range'));
    expect(await s.page.getByTestId('param-save').isDisabled()).toBe(true);
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await waitForText(s.page.getByTestId('param-type'), (t) => t.includes('length 0..32'));
    await s.page.getByTestId('param-edit').fill('x'.repeat(33));
    await waitForText(s.page.getByTestId('param-details'), (t) => t.includes('Too long'));
    await screenshot(s.page, 'tree-04-reference-facts');
  });

  it('charts a numeric parameter from the details pane: its stored ValueChanges, then live values', async () => {
    const channel = 'Device.WiFi.Radio.1.Channel';
    await ui.reveal(channel);
    await s.page.getByTestId('param-subscribe').click();
    await waitForText(s.page.locator('.mantine-Notification-root').last(), (t) => t.includes('Subscribed'));
    await ui.setValue(channel, '3');
    await ui.setValue(channel, '6');
    // Strings have no chart.
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    expect(await s.page.getByTestId('param-chart-toggle').count()).toBe(0);
    await ui.reveal(channel);
    await s.page.getByTestId('param-chart-toggle').click();
    const chart = s.page.getByTestId('param-chart');
    await chart.locator('canvas').waitFor();
    await waitForText(s.page.getByTestId('param-chart-count'), (t) => Number(t.split(' ')[0]) >= 2);
    await waitForText(chart.locator('.u-legend'), (t) => t.includes(channel));
    const before = Number((await s.page.getByTestId('param-chart-count').innerText()).split(' ')[0]);
    await ui.setValue(channel, '11');
    await waitForText(s.page.getByTestId('param-chart-count'), (t) => Number(t.split(' ')[0]) > before);
    await ui.dismissNotices();
    const box = (await chart.locator('.u-over').boundingBox())!;
    await s.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await waitForText(chart.locator('.u-legend'), (t) => /Radio\.1\.Channel\s*11/.test(t));
    await screenshot(s.page, 'tree-10-param-chart');
  });

  it('Refresh re-reads what is expanded from the agent and says how many values changed', async () => {
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    // Changed on the agent behind the console's back (no subscription): only a re-read shows it.
    s.fleet.agents[0]!.model.setValue('Device.WiFi.SSID.1.', 'SSID', 'changed-on-agent');
    await s.page.getByTestId('tree-refresh').click();
    await waitForText(s.page.getByTestId('tree-refresh-result'), (t) => /^\d+ values refreshed, [1-9]\d* changed \(\d+ objects\)$/.test(t));
    await waitForText(ui.row('Device.WiFi.SSID.1.SSID').getByTestId('tree-value'), (t) => t.includes('changed-on-agent'));
    await screenshot(s.page, 'tree-05-refreshed');
  });

  it('finds commands by name and by path, and an autocomplete pick reveals the node', async () => {
    await s.page.getByTestId('tree-search-kind').getByText('Name').click();
    await s.page.getByTestId('tree-search').fill('IPPing');
    await s.page.getByTestId('tree-search-go').click();
    await s.page.getByTestId('search-match-Device.IP.Diagnostics.IPPing()').waitFor();
    await s.page.getByTestId('tree-search-kind').getByText('Path').click();
    await s.page.getByTestId('tree-search').fill('Device.IP.Diagnostics.IPPing()');
    await s.page.getByTestId('tree-search').press('Enter');
    await waitForText(s.page.getByTestId('tree-search-count'), (t) => t.startsWith('1 matches'));
    await s.page.getByTestId('search-match-Device.IP.Diagnostics.IPPing()').click();
    await s.page.getByTestId('command-form').waitFor();

    await s.page.getByTestId('tree-search').fill('Device.DeviceIn');
    await s.page.getByRole('option', { name: 'Device.DeviceInfo.' }).click();
    await waitForText(ui.row('Device.DeviceInfo.'), () => true);
    expect(await ui.row('Device.DeviceInfo.').getAttribute('aria-selected')).toBe('true');
    await s.page.getByTestId('tree-search').fill('Device.Wi');
    await s.page.getByRole('option', { name: 'Device.WiFi.' }).waitFor();
    await s.page.getByTestId('tree-search').press('Enter');
    await waitForCount(s.page.getByRole('listbox'), (n) => n === 0);
  });

  it('a value search the cache cannot answer reads the device live and says so', async () => {
    await s.page.getByTestId('tree-search-kind').getByText('Value').click();
    // The simulator's NTP server name: never shown in the tree, so not in the cache yet.
    await s.page.getByTestId('tree-search').fill('pool.ntp.org');
    await s.page.getByTestId('tree-search-go').click();
    await waitForText(s.page.getByTestId('tree-search-count'), (t) => /^[1-9]\d* matches \(live\)/.test(t));
  });

  it('opens a multi-instance object as a table: sort, filter, edit a cell, export CSV', async () => {
    await ui.reveal('Device.WiFi.SSID.');
    await s.page.getByTestId('object-table-open').click();
    await waitForText(s.page.getByTestId('table-count'), (t) => /^(\d+) of \1 instances \(live\)$/.test(t) && !t.startsWith('0 '));
    await s.page.getByTestId('table-header-#').click();
    await s.page.getByTestId('table-header-#').click();
    expect(await s.page.getByTestId('table-header-#').getAttribute('aria-sort')).toBe('descending');
    const first = await s.page.locator('[data-testid^="table-row-"]').first().getAttribute('data-testid');
    const last = await s.page.locator('[data-testid^="table-row-"]').last().getAttribute('data-testid');
    expect(Number(first!.split('-').pop())).toBeGreaterThan(Number(last!.split('-').pop()));

    await s.page.getByTestId('table-cell-1-SSID').dblclick();
    await s.page.getByTestId('table-cell-edit').fill('x'.repeat(40));
    await s.page.getByTestId('table-cell-edit').press('Enter');
    await waitForText(s.page.getByTestId('table-cell-error'), (t) => t.includes('Too long'));
    await s.page.getByTestId('table-cell-edit').fill('from-the-table');
    await s.page.getByTestId('table-cell-edit').press('Enter');
    await waitForText(s.page.getByTestId('table-cell-1-SSID'), (t) => t === 'from-the-table');

    await s.page.getByTestId('table-filter').fill('from-the-table');
    await waitForText(s.page.getByTestId('table-count'), (t) => t.startsWith('1 of '));
    await screenshot(s.page, 'tree-06-table');
    const download = s.page.waitForEvent('download');
    await s.page.getByTestId('table-export-csv').click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Path,/);
    expect(csv).toContain('Device.WiFi.SSID.1.,');
    expect(csv).toContain('from-the-table');
    await s.page.keyboard.press('Escape');
    await waitForCount(s.page.getByTestId('table-view'), (n) => n === 0);
  });
});
