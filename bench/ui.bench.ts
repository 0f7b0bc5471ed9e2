// UI benchmark (issue 5), measured in Debian's Chromium through Playwright against the built
// `usp-console serve` (run `npm run build` first):
//   1. a 100,000-parameter agent: time until its tree is first shown, and until its big table
//      (Device.Hosts.Host., thousands of rows) is expanded;
//   2. filter latency on it: a tree search by value over the whole cached model;
//   3. 1,000 ValueChange notifications per second for 30 s into the live feed: how many were
//      stored (nothing may be lost) and the longest main-thread task seen meanwhile.
// Targets: tree shown < 1.5 s, filter < 150 ms, no main-thread task > 100 ms, nothing lost.
// Numbers are printed, never asserted.
import { createHomeGatewayModel } from '../src/main/sim/model/builtin-model';
import { SimFleet } from '../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../src/main/sim/sim-transports';
import { apiClient } from '../test/e2e/helpers/api-client';
import { launchChromium } from '../test/e2e/helpers/browser';
import { startServe } from '../test/e2e/helpers/serve-process';
import { waitForCount, waitForText } from '../test/e2e/helpers/wait';
import { freePort } from '../test/helpers/free-port';
import { tempDir } from '../test/helpers/temp-dir';

const BIG = 'proto::bench-big-1';
const RATE = 1000;
const SECONDS = 30;
const FLOOD_PATH = 'Device.WiFi.SSID.1.';

const ms = (n: number): string => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const port = await freePort();
  const serve = await startServe(['--data', await tempDir('usp-console-bench-'), '--ws-listen', `127.0.0.1:${port}/usp`]);
  const fleet = new SimFleet({
    count: 1,
    idPrefix: 'proto::bench-big-',
    controllerId: 'self::usp-console',
    link: (endpointId) => websocketAgentLink(endpointId, `ws://127.0.0.1:${port}/usp`),
    model: () => createHomeGatewayModel({ extraParameters: 100_000 }),
    agent: { tickMs: 0 },
  });
  await fleet.start();
  const agent = fleet.agents[0]!;
  console.log(`agent ${BIG}: ${agent.model.parameterCount()} parameters`);
  const browser = await launchChromium();
  const page = browser.page;
  const api = await apiClient(serve.origin, serve.token);
  try {
    await page.goto(serve.url);
    const open = page.getByTestId(`agent-row-${BIG}`).getByTestId('agent-open');
    await open.waitFor();

    // 1. Tree first shown: from clicking Open until the root's children are on screen.
    let t0 = performance.now();
    await open.click();
    await page.getByTestId('tree-row-Device.Hosts.').waitFor();
    console.log(`tree first shown (schema read + root): ${ms(performance.now() - t0)}`);

    await page.getByTestId('tree-row-Device.Hosts.').getByTestId('tree-toggle').click();
    const table = page.getByTestId('tree-row-Device.Hosts.Host.');
    await table.waitFor();
    t0 = performance.now();
    await table.getByTestId('tree-toggle').click();
    await page.getByTestId('tree-row-Device.Hosts.Host.1.').waitFor();
    console.log(`big table expanded (Device.Hosts.Host., ${agent.model.instances('Device.Hosts.Host.').length} rows): ${ms(performance.now() - t0)}`);

    // 2. Filter latency over the whole cached model (read it all once first).
    t0 = performance.now();
    const all = await api.call<{ values: unknown[] }>('refresh', BIG, 'Device.');
    console.log(`full Get of Device. (${all.values.length} values) stored in the cache: ${ms(performance.now() - t0)}`);
    await page.getByTestId('tree-search-kind').getByText('Value').click();
    const search = page.getByTestId('tree-search');
    const samples: number[] = [];
    for (const needle of ['sim-host-4242', 'sim-host-777', '10.0.99.', 'sim-host-65000']) {
      await search.fill(needle);
      t0 = performance.now();
      await page.getByTestId('tree-search-go').click();
      await waitForText(page.getByTestId('tree-search-count'), (t) => /\d/.test(t) && !t.includes('Searching'));
      samples.push(performance.now() - t0);
    }
    console.log(`filter latency (tree search by value, ${samples.length} runs): median ${ms(samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!)}, max ${ms(samples[samples.length - 1]!)}`);

    // 3. 1,000 notifications per second for 30 s into the live feed.
    await api.call('subscribePath', BIG, 'ValueChange', `${FLOOD_PATH}SSID`);
    await page.getByTestId('nav-feed').click();
    await page.getByTestId('feed-view').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longestTask: number };
      w.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const since = Date.now();
    const total = RATE * SECONDS;
    let sent = 0;
    t0 = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
        while (sent < due) agent.model.setValue(FLOOD_PATH, 'SSID', `flood-${++sent}`);
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    console.log(`sent ${sent} ValueChange notifications in ${ms(performance.now() - t0)}`);
    let stored = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      stored = 0;
      let cursor: string | null | undefined;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = await api.call('queryNotifications', {
          agentIds: [BIG],
          types: ['ValueChange'],
          since,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        stored += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      if (stored >= sent) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await waitForCount(page.locator('[data-testid="feed-row"]'), (n) => n > 0);
    const longest = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
    console.log(`stored ${stored} of ${sent} (${sent - stored} lost); feed shows ${(await page.getByTestId('feed-count').innerText()).trim()}`);
    console.log(`longest main-thread task during the flood: ${ms(longest)}`);
  } finally {
    api.close();
    await browser.close();
    await fleet.stop();
    await serve.stop();
  }
}

await main();
