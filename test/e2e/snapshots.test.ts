import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// Snapshots: capture live and from the cache, export as the CLI does, compare with the agent now.
describe('Snapshots view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ openAgent: true }, (session, page) => {
    s = session;
    ui = page;
  });

  const capture = async (name: string): Promise<void> => {
    await ui.nav('snapshots');
    await s.page.getByTestId('snapshot-name').fill(name);
    await s.page.getByTestId('snapshot-capture').click();
    await waitForText(s.page.locator('[data-testid^="snapshot-row-"]', { hasText: name }), (t) => t.includes(name), 30_000);
  };

  const exportAs = async (name: string, format: 'JSON' | 'CSV', unredacted: boolean): Promise<string> => {
    await s.page.locator('[data-testid^="snapshot-row-"]', { hasText: name }).getByTestId('snapshot-export').click();
    await s.page.getByTestId('snapshot-export-go').waitFor();
    await s.page.getByTestId('snapshot-export-format').getByText(format, { exact: false }).click();
    if (unredacted) {
      await s.page.getByTestId('snapshot-export-unredacted').check();
      await s.page.getByTestId('snapshot-export-warning').waitFor();
      await screenshot(s.page, 'snapshots-02-export-unredacted');
    }
    const download = s.page.waitForEvent('download');
    await s.page.getByTestId('snapshot-export-go').click();
    return readFile((await (await download).path())!, 'utf8');
  };

  it('captures a live snapshot and exports it as JSON with the agent\'s USP versions, secrets redacted', async () => {
    await capture('e2e-live');
    const file = JSON.parse(await exportAs('e2e-live', 'JSON', false)) as { redacted: boolean; snapshot: { agent: { uspVersions: string[] } }; values: { redacted?: boolean }[] };
    expect(file.snapshot.agent.uspVersions.length).toBeGreaterThan(0);
    expect(file.redacted).toBe(true);
    expect(file.values.some((v) => v.redacted)).toBe(true);
  });

  it('exports CSV, and without redaction only after a warning', async () => {
    const csv = await exportAs('e2e-live', 'CSV', true);
    expect(csv.split('\r\n')[0]).toBe('path,value,type,redacted');
    expect(csv).not.toContain(',true\r\n');
  });

  it('compares a snapshot with the agent now (live), ignoring values that change by themselves', async () => {
    await ui.nav('tree');
    await ui.setValue('Device.WiFi.SSID.1.SSID', 'e2e-after');
    await ui.nav('snapshots');
    await s.page.getByTestId('diff-left').click();
    await s.page.getByRole('option', { name: /^Snapshot: e2e-live/ }).click();
    await s.page.getByTestId('diff-right').click();
    await s.page.getByRole('option', { name: `Agent now (live): ${s.agentIds[0]}` }).click();
    await s.page.getByTestId('diff-run').click();
    const result = s.page.getByTestId('diff-result');
    await waitForText(result, (t) => t.includes(`${s.agentIds[0]} (live)`) && t.includes('ignored'));
    await waitForText(s.page.locator('[data-testid="diff-entry"][data-change="changed"]', { hasText: 'Device.WiFi.SSID.1.SSID' }), (t) => t.includes('e2e-after'));
    expect(await s.page.locator('[data-testid="diff-entry"]', { hasText: 'Device.DeviceInfo.UpTime' }).count()).toBe(0);
    await screenshot(s.page, 'snapshots-03-diff-live');

    await s.page.getByTestId('diff-ignore-volatile').click();
    await s.page.getByTestId('diff-right').click();
    await s.page.getByRole('option', { name: `Cached values: ${s.agentIds[0]}` }).click();
    await s.page.getByTestId('diff-run').click();
    await waitForText(result, (t) => t.includes(`${s.agentIds[0]} (cached values)`) && !t.includes('ignored'));
  });

  it('captures a snapshot of an offline agent from its cache', async () => {
    const agentId = s.agentIds[0]!;
    await s.fleet.agents[0]!.stop();
    await ui.nav('agents');
    await waitForText(ui.agentRow(agentId), (t) => /offline/i.test(t));
    await capture('e2e-offline');
    await waitForText(s.page.locator('[data-testid^="snapshot-row-"]', { hasText: 'e2e-offline' }), (t) => /\bcache\b/i.test(t));
    await screenshot(s.page, 'snapshots-01-captured');
  });
});
