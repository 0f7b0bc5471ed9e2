import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WsClientTransport } from '../../src/main/mtp/websocket/ws-client-transport';
import { SimAgent } from '../../src/main/sim/sim-agent';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { launchChromium, screenshot } from './helpers/browser';
import { startServe, type ServeProcess } from './helpers/serve-process';
import { waitForText } from './helpers/wait';

// The "use E2E session" setting in the agent details, and the inspector showing the session
// context of each Record, against `usp-console serve` and a simulated agent that allows contexts
// and segments everything it sends to 1 KiB Records.
const AGENT = 'proto::e2e-session-ui';

describe('E2E session context in the browser', () => {
  let serve: ServeProcess;
  let agent: SimAgent;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    serve = await startServe(['--data', await tempDir(), '--ws-listen', `127.0.0.1:${port}/usp`]);
    const url = `ws://127.0.0.1:${port}/usp`;
    const transport = new WsClientTransport({ id: 'sim', url, endpointId: AGENT, reconnect: { initialDelayMs: 100, maxDelayMs: 500 } });
    agent = new SimAgent({
      endpointId: AGENT,
      controllerId: 'self::usp-console',
      transport,
      mtp: { kind: 'websocket', url },
      e2eSession: { sessionMode: 'Allow', maxUspRecordSize: 1024 },
    });
    await agent.start();
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.stop();
    await serve?.stop();
  });

  it('turns the session on for an agent and shows session id, sequence and segment state in the inspector', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /online/i.test(t));
    await page.getByTestId(`agent-row-${AGENT}`).click();
    await page.getByTestId('agent-e2e-session').waitFor();
    await page.getByTestId('agent-e2e-max-record').fill('1024');
    await page.getByTestId('agent-e2e-max-record').press('Tab');
    // The switch follows the saved setting, so it turns on once the API answered: click, then wait.
    await page.getByTestId('agent-e2e-switch').click();
    await expect.poll(() => page.getByTestId('agent-e2e-switch').isChecked()).toBe(true);
    await screenshot(page, 'e2e-session-01-agent');

    // Opening the tree reads the supported data model: a large GetSupportedDMResp, segmented by the agent.
    await page.getByTestId(`agent-row-${AGENT}`).getByTestId('agent-open').click();
    await page.getByTestId('tree-row-Device.WiFi.').waitFor({ timeout: 30_000 });
    await page.getByTestId('nav-inspector').click();
    const segment = page.locator('[data-testid="trace-row"]', { hasText: / BEGIN$/ });
    await segment.first().waitFor();
    await segment.first().click();
    const line = await waitForText(page.getByTestId('trace-session'), (t) => /Session \d+/.test(t));
    expect(line).toMatch(/sequence \d+ · expects \d+/);
    expect(await page.getByTestId('trace-session-segment').innerText()).toBe('segment 1 BEGIN');
    await screenshot(page, 'e2e-session-02-inspector');
  });
});
