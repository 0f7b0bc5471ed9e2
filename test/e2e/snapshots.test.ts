import { afterAll, beforeAll, describe, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// Snapshots: capture (from the cache when the agent is offline), list.
describe('Snapshots view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  beforeAll(async () => {
    s = await startConsoleSession();
    ui = new ConsolePage(s.page);
    await ui.open(s.serve);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('captures a snapshot of an offline agent from its cache', async () => {
    const agentId = s.agentIds[0]!;
    await ui.openAgent(agentId);
    await ui.reveal('Device.WiFi.SSID.1.SSID');
    await s.fleet.agents[0]!.stop();
    await ui.nav('agents');
    await waitForText(ui.agentRow(agentId), (t) => /offline/i.test(t));
    await ui.agentRow(agentId).getByTestId('agent-open').click();
    await ui.nav('snapshots');
    await s.page.getByTestId('snapshots-view').waitFor();
    await s.page.getByTestId('snapshot-name').fill('e2e-offline');
    await s.page.getByTestId('snapshot-capture').click();
    await waitForText(s.page.locator('[data-testid^="snapshot-row-"]'), (t) => t.includes('e2e-offline'), 30_000);
    await screenshot(s.page, 'snapshots-01-captured');
  });
});
