import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// Settings: the controller's identity and the listener the session started with.
describe('Settings view', () => {
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

  it('shows the Endpoint ID and the WebSocket listener', async () => {
    await ui.nav('settings');
    await waitForText(s.page.getByTestId('settings-view'), (t) => t.includes('127.0.0.1'));
    expect(await s.page.getByTestId('settings-endpoint-id').inputValue()).toBe('self::usp-console');
    await screenshot(s.page, 'settings-01');
  });
});
