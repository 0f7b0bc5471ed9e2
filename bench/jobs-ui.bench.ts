// Bulk jobs in the browser (issue 10), against the built `usp-console serve` (run `npm run build`
// first) in Debian's Chromium through Playwright, with 10,000 simulated agents over MQTT in two
// `usp-console sim` processes (5,000 each):
//   1. the agent list filtered: time from typing the filter to the matching rows shown (target
//      < 100 ms), measured inside the page (input event → rows in the DOM and a frame painted);
//   2. the job page open while a Set of two parameters runs on 1,000 of the agents (concurrency
//      64): the longest main-thread task seen meanwhile ('longtask' PerformanceObserver installed
//      before any page script runs; target ≤ 100 ms);
//   3. a `get` report (SoftwareVersion) over all 10,000 agents: time until it has finished.
// JOBS_UI_AGENTS=N runs with N agents instead (two processes of N / 2); JOBS_UI_CPU_PROFILE=FILE
// writes the page's CPU profile of the filter runs (open it in Chrome DevTools). Numbers are printed beside
// their targets, never asserted. A watchdog ends the run (killing every process) if a step hangs.
import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { emptyAgentFilter, filterAgents } from '../src/renderer/features/agents/agent-list';
import type { AgentSummary } from '../src/shared/console-api';
import type { JobSummary } from '../src/shared/jobs/job-model';
import { waitForExit } from '../test/helpers/child-process-guard';
import { startMosquitto } from '../test/helpers/mosquitto';
import { tempDir } from '../test/helpers/temp-dir';
import { apiClient, type ApiClient } from '../test/e2e/helpers/api-client';
import { launchChromium } from '../test/e2e/helpers/browser';
import { BUILT_CLI, startServe } from '../test/e2e/helpers/serve-process';
import { startSimProcess } from './sim-process';

const AGENTS = Number(process.env.JOBS_UI_AGENTS ?? 10_000);
const PER_SIM = Math.ceil(AGENTS / 2);
const SET_AGENTS = Math.min(1000, AGENTS);
/** Whole-run bound: far above a normal run (~4 min on a loaded 2-core machine). */
const WATCHDOG_MS = 15 * 60_000;
const STEP_MS = 5 * 60_000;

const ms = (n: number): string => `${n.toFixed(0)} ms`;
const target = (value: number, limit: number, equalOk = false): string =>
  `${ms(value)} (target ${equalOk ? '≤' : '<'} ${ms(limit)}${value < limit || (equalOk && value === limit) ? '' : ', MISSED'})`;
const machineLoad = (): string => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`;
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

interface LongTask {
  start: number;
  duration: number;
}

/** Installed before any page script: every long task since the page loaded, in page time. */
function recordLongTasks(): void {
  const w = window as unknown as { benchLongTasks: LongTask[] };
  w.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.benchLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

async function longTasksSince(page: Page, since: number): Promise<{ longest: number; over100: number; count: number }> {
  const tasks = await page.evaluate((from) => (window as unknown as { benchLongTasks: LongTask[] }).benchLongTasks.filter((t) => t.start >= from), since);
  return { longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0), over100: tasks.filter((t) => t.duration > 100).length, count: tasks.length };
}

/**
 * Types `text` into the agent filter (one input event, as a paste) and resolves with the ms until
 * the count reads `expected` of all and a frame has been painted.
 */
function timeFilter(page: Page, text: string, expected: number): Promise<number> {
  return page.evaluate(
    ({ text, expected, bound }) =>
      new Promise<number>((resolve, reject) => {
        // No named helper functions in here: the bundler would wrap them in a helper the page lacks.
        const input = document.querySelector<HTMLInputElement>('[data-testid="agent-filter"]');
        const counter = document.querySelector('[data-testid="agent-count"]');
        if (!input || !counter) {
          reject(new Error('the agent filter is not on the page'));
          return;
        }
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`"${text}": the count never read ${expected} (last: ${counter.textContent})`));
        }, bound);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!(counter.textContent ?? '').startsWith(`${expected} of `) || !document.querySelector('[data-testid^="agent-row-"]')) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        // React listens to the native setter's input event (what typing or pasting fires).
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { text, expected, bound: 30_000 },
  );
}

/** `usp-console sim` with `count` agents over MQTT; resolves once every one is connected. */
const simProcess = (brokerUrl: string, prefix: string, count: number): Promise<ChildProcess> =>
  startSimProcess([BUILT_CLI], ['--agents', String(count), '--id-prefix', prefix, '--mqtt', brokerUrl], count);

async function waitForJob(api: ApiClient, id: string): Promise<JobSummary> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const job = (await api.call<JobSummary[]>('listJobs')).find((j) => j.id === id);
    if (job && (job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled' || job.state === 'paused')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${ms(STEP_MS)}`);
    await sleep(200);
  }
}

async function main(page: Page, serveUrl: string, api: ApiClient, serveStderr: () => string): Promise<void> {
  // Every agent online, and their DeviceInfo reads (model, firmware) over: the list is complete.
  let t0 = performance.now();
  const deadline = Date.now() + STEP_MS;
  let agents: AgentSummary[] = [];
  let identified = -1;
  let steadySince = Date.now();
  for (;;) {
    agents = await api.call<AgentSummary[]>('listAgents');
    const online = agents.filter((a) => a.presence === 'online').length;
    const known = agents.filter((a) => a.model !== null).length;
    if (known !== identified) steadySince = Date.now();
    identified = known;
    if (online === AGENTS && (known === AGENTS || Date.now() - steadySince > 10_000)) break;
    if (Date.now() > deadline) throw new Error(`${online} of ${AGENTS} agents came online, ${known} identified`);
    await sleep(1000);
  }
  const unread = (serveStderr().match(/could not read Device\.DeviceInfo\./g) ?? []).length;
  console.log(`${AGENTS} agents online, ${identified} identified (DeviceInfo read; ${unread} reads failed): ${ms(performance.now() - t0)} after the simulators connected`);

  // 1. The agent list filtered.
  await page.addInitScript(recordLongTasks);
  await page.goto(serveUrl);
  await page.getByTestId('agent-count').filter({ hasText: `${AGENTS} of ${AGENTS}` }).waitFor({ timeout: STEP_MS });
  await sleep(1000);
  const profiler = process.env.JOBS_UI_CPU_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const samples: number[] = [];
  // The same rows the list shows (the filter also matches model, serial number, address…).
  const cases = [`ja-${Math.min(4242, PER_SIM)}`, '', 'jb-1', '', 'ja-', 'no-such-agent', ''].map((text) => [text, filterAgents(agents, { ...emptyAgentFilter, text }).length] as const);
  for (const [text, expected] of cases) {
    if (expected === 0) {
      await page.getByTestId('agent-filter').fill(text);
      await page.getByTestId('agent-count').filter({ hasText: `0 of ${AGENTS}` }).waitFor();
      continue;
    }
    const took = await timeFilter(page, text, expected);
    samples.push(took);
    console.log(`  filter "${text}" → ${expected} rows: ${ms(took)}`);
  }
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    await writeFile(process.env.JOBS_UI_CPU_PROFILE!, JSON.stringify(profile));
    await profiler.detach();
  }
  samples.sort((a, b) => a - b);
  console.log(`agent list filtered over ${AGENTS} agents (${samples.length} runs): median ${target(samples[Math.floor(samples.length / 2)]!, 100)}, max ${ms(samples.at(-1)!)}`);

  // 2. The job page open while 1,000 steps update.
  const picked = agents.slice(0, SET_AGENTS).map((a) => a.agentId);
  const set = await api.call<JobSummary>('startJob', {
    name: 'bench set',
    targets: { agents: picked },
    operation: { kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': 'bench-{serial}', 'Device.WiFi.Radio.1.Channel': 11 } },
    options: { concurrency: 64, canary: 1, startAt: new Date(Date.now() + 5000).toISOString() },
  });
  await page.getByTestId('nav-jobs').click();
  await page.getByTestId(`job-row-${set.id}`).click();
  await page.getByTestId('job-page').waitFor();
  const phase = await pageNow(page);
  t0 = performance.now();
  await page.getByTestId('job-state').filter({ hasText: /^(succeeded|failed)$/i }).waitFor({ timeout: STEP_MS });
  const shown = performance.now() - t0;
  await page.getByTestId('job-done').filter({ hasText: `${SET_AGENTS} / ${SET_AGENTS} finished` }).waitFor();
  const tasks = await longTasksSince(page, phase);
  const setJob = await waitForJob(api, set.id);
  console.log(`Set of 2 params on ${SET_AGENTS} agents with its job page open: ${setJob.state} ${setJob.counts.succeeded}/${setJob.total}, page showed the end ${ms(shown)} after it opened (start 5 s after creation)`);
  console.log(`  longest main-thread task meanwhile: ${target(tasks.longest, 100, true)}; ${tasks.over100} over 100 ms, ${tasks.count} over 50 ms`);

  // 3. A fleet report over every agent.
  t0 = performance.now();
  const get = await api.call<JobSummary>('startJob', {
    name: 'bench report',
    targets: { filter: 'mtp=="mqtt"' },
    operation: { kind: 'get', paths: ['Device.DeviceInfo.SoftwareVersion'] },
    options: { concurrency: 64, canary: 0 },
  });
  const report = await waitForJob(api, get.id);
  const took = performance.now() - t0;
  t0 = performance.now();
  const rows = (await api.call<{ rows: unknown[] }>('getJobReport', get.id)).rows.length;
  console.log(`get report over ${AGENTS} agents (concurrency 64): ${report.state} ${report.counts.succeeded}/${report.total} in ${ms(took)}; ${rows} report rows read in ${ms(performance.now() - t0)}`);
}

async function run(): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch((e: unknown) => console.error('cleanup:', e));
  };
  const watchdog = setTimeout(() => {
    console.error(`jobs-ui bench: still running after ${ms(WATCHDOG_MS)}, giving up`);
    void Promise.race([cleanup(), sleep(15_000)]).then(() => process.exit(1));
  }, WATCHDOG_MS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  console.log(`start: ${machineLoad()}`);
  try {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const serve = await startServe(['--data', await tempDir('usp-console-bench-'), '--mqtt', broker.url]);
    cleanups.push(() => serve.stop());
    const t0 = performance.now();
    const sims = await Promise.all([simProcess(broker.url, 'proto::ja-', PER_SIM), simProcess(broker.url, 'proto::jb-', AGENTS - PER_SIM)]);
    for (const sim of sims) {
      cleanups.push(async () => {
        sim.kill('SIGTERM');
        await waitForExit(sim, false, 20_000);
      });
    }
    console.log(`${AGENTS} simulated agents in 2 processes connected to the broker: ${ms(performance.now() - t0)}`);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    browser.page.setDefaultTimeout(STEP_MS);
    const api = await apiClient(serve.origin, serve.token);
    cleanups.push(() => api.close());
    await main(browser.page, serve.url, api, () => serve.stderr());
    console.log(`end: ${machineLoad()}`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

await run();
