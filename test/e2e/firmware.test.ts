import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SimFaults } from '../../src/main/sim/faults';
import type { SimFleet } from '../../src/main/sim/sim-fleet';
import { screenshot } from './helpers/browser';
import { withConsoleSession } from './helpers/console-session';
import type { ServeProcess } from './helpers/serve-process';
import { waitForCount, waitForText } from './helpers/wait';

// Issue 10 "Firmware campaigns" in the browser: the wizard's firmware form (checked by the shared
// schema before the preview), the preview of the image each agent would write, and the job page's
// outcome per agent. Four simulated gateways over the console's WebSocket listener: 1 and 2 update,
// 3 has an injected download fault, 4 is already on the new version. The simulator does not fetch
// the image (no --fetch-firmware): the version comes from the file name in the URL.
// Screenshots: test-results/screenshots/firmware-*.png.
const SOFTWARE_VERSION = 'Device.DeviceInfo.SoftwareVersion';
const IMAGE_URL = 'http://fw.example.net/images/hgw5400-3.3.0.img';
const agent = (n: number): string => `proto::fwe2e-${n}`;

describe('a firmware campaign from the wizard', () => {
  let serve: ServeProcess;
  let fleet: SimFleet;
  let page: Page;

  withConsoleSession({
    agents: 4,
    open: false,
    idPrefix: 'proto::fwe2e-',
    agent: { tickMs: 0, rebootDelayMs: 300 },
    faults: (_id, i) => new SimFaults(i === 3 ? { download: 1 } : {}),
    prepare: (f) => f.agents[3]!.model.setValue('Device.DeviceInfo.', 'SoftwareVersion', '3.3.0'),
  }, (session) => {
    ({ serve, fleet, page } = session);
  });

  it('checks the form, previews the image per agent, and shows each agent\'s outcome', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId('agent-count'), (t) => t.startsWith('4 of 4'), 30_000);
    for (const n of [1, 2, 3, 4]) {
      const row = page.getByTestId(`agent-row-${agent(n)}`);
      await waitForText(row, (t) => /online/i.test(t), 30_000);
      await row.getByTestId('agent-check').click();
    }
    await waitForText(page.getByTestId('agent-selected-count'), (t) => t === '4 selected');
    await page.getByTestId('agent-new-job').click();
    const wizard = page.getByTestId('job-wizard');
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('4 agents selected'));
    await wizard.getByTestId('wizard-next').click();

    await wizard.getByTestId('op-kind').click();
    await page.getByRole('option', { name: 'Firmware update' }).click();
    await wizard.getByTestId('job-name').fill('gateways to 3.3.0');
    // Checked with the shared schema before any preview: a URL without a scheme, no version, a window ending before it starts.
    await wizard.getByTestId('op-firmware-url').fill('fw.example.net/images/hgw5400-3.3.0.img');
    await wizard.getByTestId('op-firmware-window').check();
    await wizard.getByTestId('op-firmware-window-start').fill('120');
    await wizard.getByTestId('op-firmware-window-end').fill('60');
    await wizard.getByTestId('wizard-next').click();
    const form = wizard.getByTestId('op-firmware');
    await waitForText(form, (t) => t.includes('an http, https or ftp URL of the image is needed') && t.includes('the SoftwareVersion the updated agents must report is needed') && t.includes('end must not be before start'));
    expect(await wizard.getByTestId('preview-total').count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, 'firmware-1-form-errors');

    await wizard.getByTestId('op-firmware-url').fill(IMAGE_URL);
    await wizard.getByTestId('op-firmware-version').fill('3.3.0');
    await wizard.getByTestId('op-firmware-username').fill('fw');
    await wizard.getByTestId('op-firmware-password').fill('s3cret');
    await wizard.getByTestId('op-firmware-size').fill('4600');
    await wizard.getByTestId('op-firmware-checksum-algorithm').click();
    await page.getByRole('option', { name: 'SHA-256' }).click();
    await wizard.getByTestId('op-firmware-checksum').fill('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    await wizard.getByTestId('op-firmware-download-timeout').fill('60');
    await wizard.getByTestId('op-firmware-boot-timeout').fill('30');
    await wizard.getByTestId('op-firmware-window-start').fill('0');
    await wizard.getByTestId('op-firmware-window-end').fill('5');
    await waitForText(form, (t) => !t.includes('needed') && !t.includes('end must not be before start'));
    await screenshot(page, 'firmware-2-form');
    await wizard.getByTestId('wizard-next').click();

    // The cache knows SoftwareVersion from onboarding; a refresh reads the FirmwareImage table too.
    await waitForText(wizard.getByTestId('preview-total'), (t) => t.toLowerCase() === '4 agents');
    await wizard.getByTestId('preview-refresh').click();
    for (const n of [1, 2, 3]) {
      const row = wizard.getByTestId(`preview-row-${agent(n)}`);
      await waitForText(row.getByTestId('preview-path'), (t) => t === 'Device.DeviceInfo.FirmwareImage.2.');
      await waitForText(row.getByTestId('preview-change'), (t) => t === '3.2.1 → 3.3.0');
    }
    await waitForText(wizard.getByTestId(`preview-row-${agent(4)}`), (t) => t.includes('3.3.0 → 3.3.0') && t.toLowerCase().includes('already on 3.3.0 (skipped)'));
    await waitForText(wizard.getByTestId('preview-count-unchanged'), (t) => t.endsWith(': 1'));
    await page.mouse.move(0, 0);
    await waitForCount(page.getByRole('tooltip'), (n) => n === 0);
    await screenshot(page, 'firmware-3-preview');
    await wizard.getByTestId('wizard-next').click();

    // One agent fails on purpose: no canary, and no pause at 25 % failed.
    await wizard.getByTestId('opt-canary').fill('0');
    await wizard.getByTestId('opt-threshold').fill('100');
    await wizard.getByTestId('wizard-next').click();
    await waitForText(wizard.getByTestId('confirm-summary'), (t) => t.includes('firmware on 4 agents'));
    const shown = await wizard.getByTestId('confirm-file').innerText();
    expect(shown).toContain('"activateWindow"');
    expect(shown).not.toContain('s3cret');
    await wizard.getByTestId('wizard-start').click();

    const job = page.getByTestId('job-page');
    await waitForText(job.getByTestId('job-title'), (t) => t === 'gateways to 3.3.0');
    await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'failed', 60_000);
    await waitForText(job.getByTestId('job-done'), (t) => t === '4 / 4 finished');
    const outcome = (n: number) => job.getByTestId(`step-row-${agent(n)}`).getByTestId('step-outcome');
    for (const n of [1, 2]) await waitForText(outcome(n), (t) => t === 'updated to 3.3.0');
    await waitForText(outcome(3), (t) => t === 'download failed (7022, simulated download failure (fault injection))');
    await waitForText(outcome(4), (t) => t === 'already on 3.3.0');
    const counts = await job.getByTestId('job-outcome-count').allInnerTexts();
    expect(counts.map((c) => c.toLowerCase())).toEqual(['updated to 3.3.0: 2', 'already on 3.3.0: 1', 'download failed: 1']);
    await screenshot(page, 'firmware-4-finished');

    await job.getByTestId('tab-failures').click();
    const group = job.getByTestId('failure-group-download-failed');
    await waitForCount(group, (n) => n === 1);
    await waitForText(group.getByTestId('failure-outcome'), (t) => t === 'download failed');
    await waitForText(group, (t) => t.includes('HGW-5400AX') && t.includes('3.2.1'));
    await screenshot(page, 'firmware-5-failures');

    expect(fleet.agents.map((a) => a.model.get(SOFTWARE_VERSION))).toEqual(['3.3.0', '3.3.0', '3.2.1', '3.3.0']);
    expect(fleet.agents[0]!.model.get('Device.DeviceInfo.ActiveFirmwareImage')).toBe('Device.DeviceInfo.FirmwareImage.2');
  });
});
