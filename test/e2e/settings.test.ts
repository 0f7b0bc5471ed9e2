import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// Settings: what is shown, what takes effect when saved, and what says it needs a restart.
describe('Settings view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  beforeAll(async () => {
    s = await startConsoleSession({ agents: 2, connected: 1 });
    ui = new ConsolePage(s.page);
    await ui.open(s.serve);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('shows the Endpoint ID and the WebSocket listener', async () => {
    await ui.nav('settings');
    await waitForText(s.page.getByTestId('settings-view'), (t) => t.includes('127.0.0.1'));
    expect(await s.page.getByTestId('settings-endpoint-id').inputValue()).toBe('self::usp-console');
    await screenshot(s.page, 'settings-01');
  });

  it('holds the next unknown agent as soon as "Hold for approval" is saved; approving it shows who it is and reads its DeviceInfo', async () => {
    await ui.choose('settings-approval', 'Hold for approval');
    await s.page.getByTestId('settings-save').click();
    await waitForText(s.page.locator('.mantine-Notification-root'), (t) => t.includes('Settings saved'));
    const newcomer = s.agentIds[1]!;
    await s.fleet.agents[1]!.start();
    await ui.nav('agents');
    await waitForText(ui.agentRow(newcomer), (t) => /awaiting approval/i.test(t));
    await ui.agentRow(newcomer).click();
    await waitForText(s.page.getByTestId('agent-identity'), (t) => t.includes('reached over WebSocket from 127.0.0.1'));
    await screenshot(s.page, 'settings-02-held-agent');
    await ui.agentRow(newcomer).getByTestId('agent-approve').click();
    await waitForText(ui.agentRow(newcomer), (t) => /online/i.test(t) && t.includes('HGW-5400AX'));
  });

  it('says plainly that a new Endpoint ID needs a restart', async () => {
    await ui.nav('settings');
    await s.page.getByTestId('settings-endpoint-id').fill('self::renamed-console');
    await s.page.getByTestId('settings-save').click();
    await waitForText(s.page.getByTestId('settings-restart-needed'), (t) => t.includes('self::renamed-console') && t.includes('restarted'));
  });
});
