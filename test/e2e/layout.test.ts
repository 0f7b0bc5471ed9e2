import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { clippedTexts } from './helpers/clipping';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// At 1280×800 nothing is cut to a character: every view is photographed and every visible
// button, badge and list cell is checked (scrollWidth against clientWidth).
describe('layout at 1280×800', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  beforeAll(async () => {
    s = await startConsoleSession({ agents: 2, viewport: { width: 1280, height: 800 } });
    ui = new ConsolePage(s.page);
    await ui.open(s.serve);
    for (const id of s.agentIds) await ui.waitOnline(id);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const check = async (name: string): Promise<void> => {
    await screenshot(s.page, `layout-1280-${name}`);
    expect(await clippedTexts(s.page), name).toEqual([]);
  };

  it('agents', async () => {
    await ui.nav('agents');
    await ui.agentRow(s.agentIds[0]!).click();
    await s.page.getByTestId('agent-details').waitFor();
    await check('agents');
  });

  it('tree with details and a command form', async () => {
    await ui.openAgent(s.agentIds[0]!);
    await ui.reveal('Device.IP.Diagnostics.IPPing()');
    await s.page.getByTestId('command-form').waitFor();
    await check('tree');
  });

  it('notifications', async () => {
    await ui.nav('feed');
    await s.page.getByTestId('feed-view').waitFor();
    await check('feed');
  });

  it('messages', async () => {
    await ui.nav('inspector');
    await s.page.locator('[data-testid="trace-row"]').first().waitFor();
    await check('messages');
  });

  it('settings', async () => {
    await ui.nav('settings');
    await waitForText(s.page.getByTestId('settings-view'), (t) => t.includes('127.0.0.1'));
    await check('settings');
  });
});
