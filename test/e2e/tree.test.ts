import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForCount, waitForText } from './helpers/wait';

// The Tree view of one simulated home gateway: browse, search, edit, Add/Delete, commands.
describe('Tree view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  beforeAll(async () => {
    s = await startConsoleSession();
    ui = new ConsolePage(s.page);
    await ui.open(s.serve);
    await ui.openAgent(s.agentIds[0]!);
  });
  afterAll(async () => {
    await s?.stop();
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

  it('edits a parameter and sees the new value', async () => {
    await ui.setValue('Device.WiFi.SSID.1.SSID', 'e2e-network');
  });

  it('adds an instance with its unique keys and deletes it again', async () => {
    await ui.reveal('Device.NAT.PortMapping.');
    await s.page.getByTestId('object-add').click();
    await s.page.getByTestId('add-param-Alias').fill('e2e-map');
    await s.page.getByTestId('add-param-ExternalPort').fill('18080');
    await s.page.getByTestId('add-param-Protocol').fill('TCP');
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

  it('runs an asynchronous command and sees its OperationComplete', async () => {
    await ui.reveal('Device.IP.Diagnostics.IPPing()');
    const args = { ProtocolVersion: 'Any', Host: '192.0.2.10', NumberOfRepetitions: '3', Timeout: '1000', DataBlockSize: '64' };
    for (const [name, value] of Object.entries(args)) await s.page.getByTestId(`command-arg-${name}`).fill(value);
    await s.page.getByTestId('command-run').click();
    const outcome = s.page.getByTestId('command-outcome');
    await waitForText(outcome, (t) => t.includes('OperationComplete') && t.includes('SuccessCount = 3'), 30_000);
    expect(await outcome.getAttribute('data-outcome')).toBe('output');
    await screenshot(s.page, 'tree-02-command');
  });
});
