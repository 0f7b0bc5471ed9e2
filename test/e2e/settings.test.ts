import { describe, expect, it } from 'vitest';
import type { ConsoleSettings } from '../../src/shared/console-api';
import { SimFleet } from '../../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../../src/main/sim/sim-transports';
import { apiClient } from './helpers/api-client';
import { screenshot } from './helpers/browser';
import { ConsolePage } from './helpers/console-page';
import { withConsoleSession, type ConsoleSession } from './helpers/console-session';
import { waitForText } from './helpers/wait';

// Settings: what is shown and what takes effect when saved (approval mode, the controller's Endpoint ID).
describe('Settings view', () => {
  let s: ConsoleSession;
  let ui: ConsolePage;

  withConsoleSession({ agents: 2, connected: 1 }, (session, page) => {
    s = session;
    ui = page;
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

  it('puts a new Endpoint ID to use when saved, no restart: an agent that knows it is managed at once', async () => {
    await ui.nav('settings');
    await s.page.getByTestId('settings-endpoint-id').fill('self::renamed-console');
    await s.page.getByTestId('settings-save').click();
    await waitForText(s.page.getByTestId('settings-endpoint-applied'), (t) => t.includes('now speaks as self::renamed-console') && t.includes('before: self::usp-console'));
    await screenshot(s.page, 'settings-03-endpoint-applied');
    expect(await s.page.getByTestId('settings-endpoint-mismatch').count()).toBe(0);

    // An agent configured with the new ID as its controller: its Records are taken, and after approval it is read.
    const api = await apiClient(s.serve.origin, s.serve.token);
    const settings = await api.call<ConsoleSettings>('getSettings');
    api.close();
    const port = settings.webSocketListeners[0]!.port;
    const fleet = new SimFleet({
      count: 1,
      idPrefix: 'proto::renamed-agent-',
      controllerId: 'self::renamed-console',
      link: (endpointId) => websocketAgentLink(endpointId, `ws://127.0.0.1:${port}/usp`),
    });
    try {
      await fleet.start();
      const id = fleet.agents[0]!.endpointId;
      await ui.nav('agents');
      await waitForText(ui.agentRow(id), (t) => /awaiting approval/i.test(t));
      await ui.agentRow(id).getByTestId('agent-approve').click();
      await waitForText(ui.agentRow(id), (t) => /online/i.test(t) && t.includes('HGW-5400AX'));
    } finally {
      await fleet.stop();
    }
  });
});
