import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './helpers/api-client';
import { screenshot } from './helpers/browser';
import { clippedTexts } from './helpers/clipping';
import { ConsolePage } from './helpers/console-page';
import { startConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForCount, waitForText } from './helpers/wait';

/** A Hosts table as big as the one a technician met on a busy gateway. */
const HOSTS = 7698;

/**
 * Four agents, two of them awaiting approval, and several broker profiles (brokers that are not
 * there: their status texts are long), as a technician's screen looks on a busy day.
 */
async function busySession(viewport: { width: number; height: number }): Promise<{ s: ConsoleSession; ui: ConsolePage }> {
  const s = await startConsoleSession({
    agents: 4,
    connected: 2,
    viewport,
    serveArgs: ['--mqtt', 'mqtt://127.0.0.1:1', '--mqtt', 'mqtt://127.0.0.1:2', '--stomp', 'stomp://guest:guest@127.0.0.1:3'],
  });
  const api = await apiClient(s.serve.origin, s.serve.token);
  await api.call('updateSettings', { approvalMode: 'hold' });
  api.close();
  await Promise.all(s.fleet.agents.slice(2).map((a) => a.start()));
  const ui = new ConsolePage(s.page);
  await ui.open(s.serve);
  for (const id of s.agentIds.slice(0, 2)) await ui.waitOnline(id);
  for (const id of s.agentIds.slice(2)) await waitForText(ui.agentRow(id), (t) => /awaiting approval/i.test(t));
  return { s, ui };
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  const size = `${viewport.width}×${viewport.height}`;
  // Nothing is cut to a character: every view is photographed and every visible button, badge
  // and list cell is checked (scrollWidth against clientWidth).
  describe(`layout at ${size}`, () => {
    let s: ConsoleSession;
    let ui: ConsolePage;

    beforeAll(async () => {
      ({ s, ui } = await busySession(viewport));
    });
    afterAll(async () => {
      await s?.stop();
    });

    const check = async (name: string): Promise<void> => {
      await screenshot(s.page, `layout-${viewport.width}-${name}`);
      expect(await clippedTexts(s.page), name).toEqual([]);
    };

    it('agents, with rows awaiting approval', async () => {
      await ui.nav('agents');
      await ui.agentRow(s.agentIds[0]!).click();
      await s.page.getByTestId('agent-details').waitFor();
      await waitForCount(s.page.getByTestId('agent-approve'), (n) => n === 2);
      await check('agents');
      await ui.agentRow(s.agentIds[3]!).click();
      await s.page.getByTestId('agent-identity').waitFor();
      await check('agents-pending');
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

    it('settings with several broker profiles: the page scrolls to the last one', async () => {
      await ui.nav('settings');
      await waitForText(s.page.getByTestId('settings-view'), (t) => t.includes('127.0.0.1:2'));
      const brokers = s.page.locator('[data-testid^="settings-mqtt-"], [data-testid^="settings-stomp-"]');
      await waitForCount(brokers, (n) => n >= 3);
      await check('settings');
      // Every card keeps its full height (none squeezed to fit the window): the page scrolls instead.
      const cards = s.page.locator('[data-testid="settings-view"] > .mantine-Card-root');
      expect(await cards.count()).toBeGreaterThanOrEqual(5);
      expect(await cards.evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.getAttribute('data-testid')))).toEqual([]);
      await brokers.last().scrollIntoViewIfNeeded();
      expect(await brokers.last().isVisible()).toBe(true);
      await check('settings-scrolled');
    });
  });
}

describe(`a table of ${HOSTS} hosts`, () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  beforeAll(async () => {
    s = await startConsoleSession({ agents: 1, connected: 0, viewport: { width: 1280, height: 800 } });
    const model = s.fleet.agents[0]!.model;
    for (let i = model.instances('Device.Hosts.Host.').length; i < HOSTS; i++) {
      const mac = (i + 0x100000).toString(16).padStart(6, '0').replace(/(..)(..)(..)/, '$1:$2:$3');
      model.createInstance('Device.Hosts.Host.', { PhysAddress: `02:00:00:${mac}`, IPAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, HostName: `host-${i + 1}` });
    }
    await s.fleet.agents[0]!.start();
    ui = new ConsolePage(s.page);
    await ui.open(s.serve);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('renders only a window of rows and scrolls to the last one', async () => {
    const last = Math.max(...s.fleet.agents[0]!.model.instances('Device.Hosts.Host.'));
    await ui.openAgent(s.agentIds[0]!);
    await ui.reveal('Device.Hosts.Host.');
    await s.page.getByTestId('object-table-open').click();
    await waitForText(s.page.getByTestId('table-count'), (t) => t.startsWith(`${HOSTS} of ${HOSTS} instances`), 60_000);
    const rows = s.page.locator('[data-testid^="table-row-"]');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThan(100);
    await s.page.getByTestId('table-rows').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await s.page.getByTestId(`table-row-${last}`).waitFor();
    await waitForText(s.page.getByTestId(`table-row-${last}`), (t) => t.includes(`host-${HOSTS}`) || t.includes(String(last)));
    expect(await rows.count()).toBeLessThan(100);
    await screenshot(s.page, 'layout-1280-hosts-table-end');
  });
});
