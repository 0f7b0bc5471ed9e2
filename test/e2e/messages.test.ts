import { describe, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// The message inspector: every Record in and out, requests paired with their responses.
describe('Messages view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ openAgent: true }, (session, page) => {
    s = session;
    ui = page;
  });

  it('inspects a Set and its paired response', async () => {
    await ui.setValue('Device.WiFi.SSID.1.SSID', 'e2e-inspected');
    await ui.nav('inspector');
    const set = s.page.locator('[data-testid="trace-row"][data-msg-type="SET"]');
    await set.first().waitFor();
    await set.first().click();
    await s.page.getByTestId('trace-detail').waitFor();
    await waitForText(s.page.getByTestId('trace-message-json'), (t) => t.includes('Device.WiFi.SSID.1.') && t.includes('e2e-inspected'));
    await waitForText(s.page.getByTestId('trace-latency'), (t) => /\d+ ms/.test(t));
    await s.page.getByTestId('trace-pair-link').click();
    await waitForText(s.page.getByTestId('trace-message-json'), (t) => t.includes('set_resp') && t.includes('e2e-inspected'));
    await screenshot(s.page, 'messages-01-pair');
  });
});
