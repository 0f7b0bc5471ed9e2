import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RefreshResult } from '../../src/shared/console-api';
import { guardChild, waitForExit } from '../helpers/child-process-guard';
import { tempDir } from '../helpers/temp-dir';
import { apiClient, type ApiClient } from './helpers/api-client';
import { launchChromium, screenshot } from './helpers/browser';
import { BUILT_CLI, startServe, type ServeProcess } from './helpers/serve-process';
import { waitForCount, waitForText } from './helpers/wait';

// Issue 10 in the browser on `usp-console serve --demo 20`: agents picked in the list (a
// shift-click range plus "select all matching"), the wizard through to a finished Set job, and
// its rollback; each step is saved under test-results/screenshots/jobs-*.png.
const SSID = 'Device.WiFi.SSID.1.SSID';
const SEED_SSID = 'Acme-7F10';
const agent = (n: number): string => `proto::demo-agent-${n}`;
// Sorted by endpoint id the list reads 1, 10, 11, 12, 13…: a range from 1 to 13 is five agents;
// the filter "demo-agent-2" matches 2 and 20.
const PICKED = [1, 10, 11, 12, 13, 2, 20].map(agent);

describe('bulk jobs in the browser', () => {
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let api: ApiClient;

  const ssidOf = async (endpointId: string): Promise<string | undefined> => {
    const r = await api.call<RefreshResult>('refresh', endpointId, SSID);
    expect(r.source).toBe('live');
    return r.values.find((v) => v.path === SSID)?.value;
  };

  beforeAll(async () => {
    serve = await startServe(['--data', await tempDir(), '--demo', '20']);
    api = await apiClient(serve.origin, serve.token);
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await serve?.stop();
  });

  it('picks agents in the list with a shift-click range and "select all matching"', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId('agent-count'), (t) => t.startsWith('20 of 20'), 30_000);
    for (const id of PICKED) await waitForText(page.getByTestId(`agent-row-${id}`), (t) => /online/i.test(t), 30_000);
    await page.getByTestId(`agent-row-${agent(1)}`).getByTestId('agent-check').click();
    await page.getByTestId(`agent-row-${agent(13)}`).getByTestId('agent-check').click({ modifiers: ['Shift'] });
    await waitForText(page.getByTestId('agent-selected-count'), (t) => t === '5 selected');
    await page.getByTestId('agent-filter').fill('demo-agent-2');
    await waitForText(page.getByTestId('agent-select-all'), (t) => t === 'Select all 2 matching');
    await page.getByTestId('agent-select-all').click();
    await waitForText(page.getByTestId('agent-selected-count'), (t) => t === '7 selected');
    await page.getByTestId('agent-filter').fill('');
    await screenshot(page, 'jobs-0-selection');
  });

  it('runs the wizard from the selection to a finished Set job', async () => {
    await page.getByTestId('agent-new-job').click();
    const wizard = page.getByTestId('job-wizard');
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('7 agents selected'));
    await wizard.getByTestId('group-name').fill('bench-7');
    await wizard.getByTestId('group-save').click();
    await screenshot(page, 'jobs-1-targets');

    // A bad filter expression points at the offending position; back to the picked agents.
    await wizard.getByText('Filter expression').click();
    await wizard.getByTestId('targets-filter').fill('model=="HGW-5400AX" && tag=');
    await waitForText(wizard.getByTestId('targets-error'), (t) => t.includes('at position 26'));
    expect(await wizard.getByTestId('wizard-next').isDisabled()).toBe(true);
    await screenshot(page, 'jobs-1b-filter-error');
    // The saved group resolves to the same seven agents.
    await wizard.getByText('Saved group').click();
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('7 agents selected'));
    await wizard.getByText('Selected agents (7)').click();
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('7 agents selected'));
    await wizard.getByTestId('wizard-next').click();

    await wizard.getByTestId('job-name').fill('e2e ssid');
    await wizard.getByTestId('op-param-path-0').fill(SSID);
    await wizard.getByTestId('op-param-value-0').fill('lab-{serial}');
    await screenshot(page, 'jobs-2-operation');
    await wizard.getByTestId('wizard-next').click();

    await waitForText(wizard.getByTestId('preview-total'), (t) => t.toLowerCase() === '7 agents');
    // The cache has no SSIDs yet: refreshing reads them live, then current → new shows per agent.
    await wizard.getByTestId('preview-refresh').click();
    for (const id of PICKED) await waitForText(wizard.getByTestId(`preview-row-${id}`).getByTestId('preview-change'), (t) => t.startsWith(`${SEED_SSID} → lab-`));
    expect(await wizard.getByTestId('preview-count-not-found').count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, 'jobs-3-preview');
    await wizard.getByTestId('wizard-next').click();

    await wizard.getByTestId('opt-concurrency').fill('4');
    await screenshot(page, 'jobs-4-options');
    await wizard.getByTestId('wizard-next').click();

    await waitForText(wizard.getByTestId('confirm-summary'), (t) => t.includes('set on 7 agents'));
    await screenshot(page, 'jobs-5-confirm');
    await wizard.getByTestId('wizard-start').click();

    const job = page.getByTestId('job-page');
    await waitForText(job.getByTestId('job-title'), (t) => t === 'e2e ssid');
    await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'succeeded', 60_000);
    await waitForText(job.getByTestId('job-done'), (t) => t === '7 / 7 finished');
    await waitForText(job.getByTestId(`step-row-${agent(12)}`), (t) => t.includes(`${SEED_SSID} → lab-`));
    await screenshot(page, 'jobs-6-finished');
    for (const id of PICKED) expect(await ssidOf(id)).toMatch(/^lab-/);
    expect(await ssidOf(agent(3))).toBe(SEED_SSID);
  });

  it('rolls the job back: a new job with its own preview writes every old value back', async () => {
    const job = page.getByTestId('job-page');
    await job.getByTestId('job-rollback').click();
    const modal = page.getByTestId('rollback-modal');
    await waitForText(modal.getByTestId('rollback-summary'), (t) => t === 'Writes the old values back on 7 agents.');
    await screenshot(page, 'jobs-7-rollback-preview');
    await modal.getByTestId('rollback-start').click();

    await waitForText(job.getByTestId('job-title'), (t) => t === 'Rollback of e2e ssid');
    await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'succeeded', 60_000);
    await waitForText(job.getByTestId('job-done'), (t) => t === '7 / 7 finished');
    await expect(page.getByTestId('job-list').getByRole('row').count()).resolves.toBe(2);
    await screenshot(page, 'jobs-8-rolled-back');
    for (const id of PICKED) expect(await ssidOf(id)).toBe(SEED_SSID);
  });

  it('reads a fleet report from every agent a filter expression selects', async () => {
    await page.getByTestId('jobs-new').click();
    const wizard = page.getByTestId('job-wizard');
    // The group saved earlier is listed with its count, and can be deleted.
    await wizard.getByText('Saved group').click();
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('7 agents selected'));
    await wizard.getByTestId('group-delete').click();
    await wizard.getByTestId('group-delete-confirm').click();
    await waitForCount(wizard.getByTestId('targets-count'), (n) => n === 0);
    expect(await api.call<unknown[]>('listGroups')).toEqual([]);
    await wizard.getByText('Filter expression').click();
    await wizard.getByTestId('targets-filter').fill('model=="HGW-5400AX" && softwareVersion=="3.2.1"');
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('20 agents selected'));
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('op-kind').click();
    await page.getByRole('option', { name: 'Get (fleet report)' }).click();
    await wizard.getByTestId('op-paths').fill(`${SSID}\nDevice.DeviceInfo.SerialNumber`);
    await wizard.getByTestId('wizard-next').click();
    await waitForText(wizard.getByTestId('preview-total'), (t) => t.toLowerCase() === '20 agents');
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-start').click();

    const job = page.getByTestId('job-page');
    await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'succeeded', 60_000);
    await waitForText(job.getByTestId('job-done'), (t) => t === '20 / 20 finished');
    const report = job.getByTestId('fleet-report');
    await waitForText(report, (t) => t.includes(SEED_SSID) && t.includes('proto::demo-agent-1'));
    await screenshot(page, 'jobs-9-fleet-report');
    const exported = await api.call<string>('exportJobReport', await job.getAttribute('data-job-id'), 'json');
    const rows = (JSON.parse(exported) as { rows: { endpointId: string; path: string; after: string }[] }).rows;
    expect(rows.filter((r) => r.path === SSID).map((r) => r.after)).toEqual(Array(20).fill(SEED_SSID));
  });

  it('groups failures by error code, model and software version, and retries exactly one group', async () => {
    // Two more agents of another model and version: the built-in gateway's model from a snapshot
    // of demo-agent-1 with its ModelName and SoftwareVersion changed, served by `usp-console sim`.
    const snapshot = await api.call<{ id: string }>('captureSnapshot', agent(1), { name: 'lab model' });
    const exported = await api.call<{ content: string }>('exportSnapshot', snapshot.id);
    const labModel = join(await tempDir(), 'lab-model.json');
    await writeFile(labModel, exported.content.replaceAll('"3.2.1"', '"9.0.0"').replaceAll('"HGW-5400AX"', '"HGW-LAB"'));
    const demoUrl = /demo agents connected over (ws:\/\/\S+)/.exec(serve.stderr())![1]!;
    const lab = spawn(process.execPath, [BUILT_CLI, 'sim', '--agents', '2', '--id-prefix', 'proto::lab-agent-', '--model', labModel, '--ws-connect', demoUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    guardChild(lab, false);
    try {
      let labOut = '';
      let labErr = '';
      lab.stdout!.setEncoding('utf8').on('data', (chunk: string) => (labOut += chunk));
      lab.stderr!.setEncoding('utf8').on('data', (chunk: string) => (labErr += chunk));
      const labAgents = async (): Promise<number> =>
        (await api.call<{ model: string | null; firmware: string | null; presence: string }[]>('listAgents')).filter((a) => a.model === 'HGW-LAB' && a.firmware === '9.0.0' && a.presence === 'online').length;
      for (const until = Date.now() + 30_000; (await labAgents()) < 2; await new Promise((r) => setTimeout(r, 200))) {
        if (Date.now() > until) throw new Error(`the two HGW-LAB 9.0.0 agents did not come online; sim stderr: ${labErr}`);
      }
      expect(labOut).toContain('proto::lab-agent-2');

      await page.getByTestId('jobs-new').click();
      const wizard = page.getByTestId('job-wizard');
      await wizard.getByTestId('targets-filter').fill('status=="online"');
      await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('22 agents selected'));
      await wizard.getByTestId('wizard-next').click();
      // SoftwareVersion is read-only: every agent answers with the same USP error (never retried automatically).
      await wizard.getByTestId('op-param-path-0').fill('Device.DeviceInfo.SoftwareVersion');
      await wizard.getByTestId('op-param-value-0').fill('9.9.9');
      await wizard.getByTestId('wizard-next').click();
      await waitForText(wizard.getByTestId('preview-total'), (t) => t.toLowerCase() === '22 agents');
      await wizard.getByTestId('wizard-next').click();
      await wizard.getByTestId('opt-canary').fill('0');
      await wizard.getByTestId('opt-threshold').fill('100');
      await wizard.getByTestId('wizard-next').click();
      await wizard.getByTestId('wizard-start').click();

      const job = page.getByTestId('job-page');
      await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'failed', 60_000);
      await job.getByTestId('tab-failures').click();
      const groups = job.locator('[data-testid^="failure-group-"]');
      await waitForCount(groups, (n) => n === 2);
      const gateway = groups.filter({ hasText: 'HGW-5400AX' });
      const labGroup = groups.filter({ hasText: 'HGW-LAB' });
      await waitForText(gateway, (t) => /^7\d{3}\s+HGW-5400AX\s+3\.2\.1\s+20\s/.test(t));
      await waitForText(labGroup, (t) => /^7\d{3}\s+HGW-LAB\s+9\.0\.0\s+2\s/.test(t));
      expect(await gateway.getAttribute('data-testid')).toBe(await labGroup.getAttribute('data-testid'));
      await screenshot(page, 'jobs-10-failures');

      // "Retry these" on the lab group: its two steps run again, the twenty others stay as they were.
      const jobId = (await job.getAttribute('data-job-id'))!;
      type Steps = { state: string; steps: { endpointId: string; finishedAt: number | null; attempts: number; state: string }[] };
      const finishedAt = (d: Steps): Map<string, number | null> => new Map(d.steps.map((s) => [s.endpointId, s.finishedAt]));
      const before = finishedAt(await api.call<Steps>('getJob', jobId));
      await labGroup.getByTestId('retry-these').click();
      const isLab = (id: string): boolean => id.startsWith('proto::lab-agent-');
      const deadline = Date.now() + 30_000;
      let again = await api.call<Steps>('getJob', jobId);
      while (Date.now() < deadline && !(again.state === 'failed' && again.steps.filter((s) => isLab(s.endpointId)).every((s) => s.finishedAt !== before.get(s.endpointId)))) {
        await new Promise((r) => setTimeout(r, 200));
        again = await api.call<Steps>('getJob', jobId);
      }
      expect(again.state).toBe('failed');
      const rerun = again.steps.filter((s) => s.finishedAt !== before.get(s.endpointId)).map((s) => s.endpointId);
      expect(rerun.sort()).toEqual(['proto::lab-agent-1', 'proto::lab-agent-2']);
      expect(again.steps.every((s) => s.state === 'failed')).toBe(true);
      await waitForText(job.getByTestId('job-state'), (t) => t.toLowerCase() === 'failed');

      // The per-agent table: an error longer than its column is cut with an ellipsis (whole in the
      // title) and every row's columns stay where the header's are, at the narrowest supported width.
      await page.setViewportSize({ width: 1280, height: 900 });
      await job.getByTestId('tab-steps').click();
      const rows = job.locator('[data-testid^="step-row-"]');
      await waitForCount(rows, (n) => n > 0);
      const header = (await job.getByTestId('steps-head-finished').boundingBox())!;
      const errors = await job.getByTestId('step-error').evaluateAll((cells) => cells.map((c) => ({ text: c.textContent, title: c.getAttribute('title'), width: c.clientWidth, cut: c.scrollWidth > c.clientWidth })));
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.title).toBe(e.text);
        expect(e.width).toBeGreaterThanOrEqual(100);
      }
      expect(errors.some((e) => e.cut)).toBe(true);
      // Within a pixel: the header's cells are text where rows have a badge (sub-pixel rounding).
      for (const cell of await job.getByTestId('step-finished').all()) expect(Math.abs((await cell.boundingBox())!.x - header.x)).toBeLessThan(1);
      await screenshot(page, 'jobs-10b-steps-errors');
      await page.setViewportSize({ width: 1400, height: 900 });
    } finally {
      lab.kill('SIGTERM');
      await waitForExit(lab, false, 10_000);
    }
  });

  it('asks for the typed word before a delete job can start, and starts nothing when closed', async () => {
    const jobsBefore = (await api.call<unknown[]>('listJobs')).length;
    await page.getByTestId('jobs-new').click();
    const wizard = page.getByTestId('job-wizard');
    await wizard.getByTestId('targets-filter').fill('model=="HGW-5400AX"');
    await waitForText(wizard.getByTestId('targets-count'), (t) => t.startsWith('20 agents selected'));
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('op-kind').click();
    await page.getByRole('option', { name: 'Delete instances' }).click();
    await wizard.getByTestId('op-paths').fill('Device.NAT.PortMapping.1.');
    await wizard.getByTestId('wizard-next').click();
    await waitForText(wizard.getByTestId('preview-total'), (t) => t.toLowerCase() === '20 agents');
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-next').click();
    const startDisabled = wizard.locator('[data-testid="wizard-start"]:disabled');
    await waitForCount(startDisabled, (n) => n === 1);
    await wizard.getByTestId('confirm-typed').fill('delet');
    await waitForText(wizard, (t) => t.includes('Does not match'));
    expect(await startDisabled.count()).toBe(1);
    await wizard.getByTestId('confirm-typed').fill('delete');
    await waitForCount(startDisabled, (n) => n === 0);
    await screenshot(page, 'jobs-11-typed-confirmation');
    await page.keyboard.press('Escape');
    await waitForCount(page.getByTestId('job-wizard'), (n) => n === 0);
    expect(await api.call<unknown[]>('listJobs')).toHaveLength(jobsBefore);
  });
});
