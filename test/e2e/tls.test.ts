import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BenchCa } from '../../src/main/services/certificates/bench-ca';
import { SimFleet } from '../../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../../src/main/sim/sim-transports';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp-dir';
import { launchChromium, screenshot } from './helpers/browser';
import { startServe, type ServeProcess } from './helpers/serve-process';
import { waitForText } from './helpers/wait';

// The console serving wss:// with a bench CA certificate and demanding client certificates;
// a simulated agent with its own bench certificate dials it. The user sees the TLS state of
// the link, what the agent grants the console, and the certificates in the settings.
const AGENT = 'proto::e2e-tls-1';

describe('TLS and controller trust in the browser', () => {
  let serve: ServeProcess;
  let fleet: SimFleet;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let data: string;
  let caFile: string;

  beforeAll(async () => {
    data = await tempDir();
    const ca = new BenchCa(data);
    await ca.init();
    caFile = ca.caFile;
    const own = await ca.issue({ endpointId: 'self::usp-console', controller: true, days: 1 });
    const agent = await ca.issue({ endpointId: AGENT, days: 1 });
    const port = await freePort();
    serve = await startServe(['--data', data, '--wss-listen', `127.0.0.1:${port}/usp`, '--require-client-cert', '--ca', ca.caFile, '--cert', own.certFile, '--key', own.keyFile]);
    fleet = new SimFleet({
      count: 1,
      idPrefix: 'proto::e2e-tls-',
      controllerId: 'self::usp-console',
      link: (endpointId) => websocketAgentLink(endpointId, `wss://localhost:${port}/usp`, { caFile: ca.caFile, certFile: agent.certFile, keyFile: agent.keyFile }),
    });
    await fleet.start();
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await fleet?.stop();
    await serve?.stop();
  });

  it('shows the TLS state of the agent\'s link and what the agent grants the console', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /online/i.test(t));
    await page.getByTestId(`agent-row-${AGENT}`).click();
    await waitForText(page.getByTestId('agent-link-security'), (t) => /TLSv1\.[23]/.test(t) && t.includes(`CN=${AGENT}`) && t.includes(`URI:urn:bbf:usp:id:${AGENT}`) && t.includes('CN=USP Console bench CA') && /verified/i.test(t) && !/not verified/i.test(t));
    await page.getByTestId('agent-controller-trust-read').click();
    await waitForText(page.getByTestId('agent-trust-role'), (t) => t.includes('Full Access') && /assigned/i.test(t) && t.includes('Param rw-n'));
    await waitForText(page.getByTestId('agent-controller-trust'), (t) => t.includes('Device.LocalAgent.Controller.1. enabled'));
    await screenshot(page, 'tls-01-agent-details');
  });

  it('lists the trusted CA and the console certificate in the settings', async () => {
    await page.getByTestId('nav-settings').click();
    await waitForText(page.getByTestId('settings-trusted-ca'), (t) => t.includes('CN=USP Console bench CA, O=USP Console'));
    await waitForText(page.getByTestId('settings-console-certificate'), (t) => t.includes('Endpoint ID self::usp-console'));
    await screenshot(page, 'tls-02-settings-certificates');
  });

  it('edits the certificate files and a broker\'s TLS server name, and keeps them', async () => {
    const trusted = page.getByLabel('Trusted CA file');
    await trusted.fill(`${data}/no-such-ca.pem`);
    await page.getByTestId('settings-save').click();
    await waitForText(page.getByTestId('settings-trusted-ca'), (t) => t.includes(`cannot read ${data}/no-such-ca.pem`));
    await trusted.fill(caFile);
    await page.getByTestId('settings-add-mqtt').click();
    const broker = page.locator('[data-testid^="settings-mqtt-"]').last();
    await broker.getByLabel('Broker URL').fill('mqtts://127.0.0.1:1');
    await broker.getByLabel('Server name').fill('broker.lab');
    await page.getByTestId('settings-save').click();
    await waitForText(page.getByTestId('settings-trusted-ca'), (t) => t.includes('CN=USP Console bench CA, O=USP Console') && !t.includes('cannot read'));
    await screenshot(page, 'tls-03-settings-edited');
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await waitForText(page.getByTestId('settings-trusted-ca'), (t) => t.includes('CN=USP Console bench CA'));
    expect(await page.getByLabel('Trusted CA file').inputValue()).toBe(caFile);
    const saved = page.locator('[data-testid^="settings-mqtt-"]').last();
    expect(await saved.getByLabel('Server name').inputValue()).toBe('broker.lab');
    expect(await saved.getByLabel('Broker URL').inputValue()).toBe('mqtts://127.0.0.1:1');
  });
});
