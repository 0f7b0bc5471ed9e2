import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, type ConsoleClient } from '../../../src/main/cli/jobs/console-client';
import { SimFleet } from '../../../src/main/sim/sim-fleet';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import type { JobDetail, JobSummary } from '../../../src/shared/jobs/job-model';
import { CLI_ENTRY } from '../../helpers/cli';
import { guardChild, killQuietly } from '../../helpers/child-process-guard';
import { startMosquitto, tempDir, type MosquittoBroker } from '../../helpers';

// Issue 10 "Survives restarts" for a firmware campaign: `usp-console serve` killed with SIGKILL
// while agents are downloading and rebooting, started again on the same data folder. Each agent
// counts the Download() requests it accepts (a Device.LocalAgent.Request row each), so a second one shows.
const CONTROLLER = 'self::fw-restart';
const CONTROLLER_TOPIC = 'usp/controller/fw-restart';
const SOFTWARE_VERSION = 'Device.DeviceInfo.SoftwareVersion';
const AGENTS = 6;

/** Starts the built `serve` on a free port and resolves with its API client once it prints its address. */
function startServe(dataDir: string, brokerUrl: string | null): Promise<{ child: ChildProcess; client: ConsoleClient }> {
  const broker = brokerUrl === null ? [] : ['--mqtt', brokerUrl, '--mqtt-version', '5'];
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--port', '0', '--data', dataDir, '--controller-id', CONTROLLER, ...broker], { stdio: ['ignore', 'pipe', 'pipe'] });
  guardChild(child, false);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /USP Console ready at (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, client: consoleClient(url) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before it was ready: ${stderr}`)));
  });
}

let broker: MosquittoBroker;
let fleet: SimFleet;
/** Download() requests per agent, and the agents that went down for their reboot. */
const downloads = new Map<string, number>();
const rebooting = new Set<string>();
let firstReboot: () => void = () => undefined;

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = new SimFleet({
    count: AGENTS,
    idPrefix: 'proto::fwr-',
    controllerId: CONTROLLER,
    link: (id) => {
      const link = mqttAgentLink(id, { url: broker.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC });
      link.transport.on('link', (state, reason) => {
        if (state === 'down' && reason === 'stopped') {
          rebooting.add(id);
          firstReboot();
        }
      });
      return link;
    },
    // Long enough downloads and reboots that the kill finds agents in both.
    agent: { tickMs: 0, asyncCommandMs: 8000, rebootDelayMs: 2500 },
  });
  for (const agent of fleet.agents) {
    downloads.set(agent.endpointId, 0);
    agent.model.onChange((change) => {
      // R-OPR.0: each async command the agent accepts gets a Device.LocalAgent.Request.{i}. row.
      if (change.kind === 'created' && change.path.startsWith('Device.LocalAgent.Request.') && agent.model.get(`${change.path}Command`)?.endsWith('.Download()')) {
        downloads.set(agent.endpointId, downloads.get(agent.endpointId)! + 1);
      }
    });
  }
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await broker?.stop();
});

describe('a firmware campaign survives kill -9 of the console', () => {
  it('completes after a restart on the same data folder, every agent updated, none downloading twice', async () => {
    const dataDir = await tempDir();
    const first = await startServe(dataDir, broker.url);
    try {
      await fleet.start();
      for (;;) {
        const agents = await first.client.request<{ presence: string }[]>('GET', '/agents');
        if (agents.filter((a) => a.presence === 'online').length === AGENTS) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const rebooted = new Promise<void>((resolve) => (firstReboot = resolve));
      const job = await first.client.request<JobSummary>('POST', '/jobs', {
        name: 'firmware 3.3.0 across a restart',
        targets: { filter: 'mtp=="mqtt"' },
        operation: { kind: 'firmware', url: 'http://fw.example.net/images/hgw5400-3.3.0.img', expectedVersion: '3.3.0', downloadTimeoutSeconds: 60, bootTimeoutSeconds: 60 },
        // Agents start a second apart: when the first one reboots, the others are still downloading.
        options: { canary: 0, concurrency: AGENTS, ratePerSecond: 1, failureThreshold: 100 },
      });
      await rebooted;
      killQuietly(first.child, false, 'SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const atKill = { rebooting: rebooting.size, downloading: fleet.agents.filter((a) => a.model.get('Device.DeviceInfo.FirmwareImage.2.Status') === 'Downloading').length };
      expect(atKill.rebooting).toBeGreaterThan(0);
      expect(atKill.downloading).toBeGreaterThan(0);

      // The broker profile comes back from the data folder's settings.
      const second = await startServe(dataDir, null);
      try {
        let settled = await second.client.request<JobSummary>('GET', `/jobs/${job.id}/settled`);
        while (settled.state === 'running') settled = await second.client.request<JobSummary>('GET', `/jobs/${job.id}/settled`);
        expect(settled).toMatchObject({ state: 'succeeded', counts: { succeeded: AGENTS } });
        const detail = await second.client.request<JobDetail>('GET', `/jobs/${job.id}`);
        for (const step of detail.steps) expect(step.after, step.endpointId).toMatchObject({ [SOFTWARE_VERSION]: '3.3.0' });
        expect(fleet.agents.map((a) => a.model.get(SOFTWARE_VERSION))).toEqual(Array(AGENTS).fill('3.3.0'));
        expect(Object.fromEntries(downloads)).toEqual(Object.fromEntries(fleet.agents.map((a) => [a.endpointId, 1])));
      } finally {
        killQuietly(second.child, false, 'SIGTERM');
      }
    } finally {
      killQuietly(first.child, false, 'SIGKILL');
    }
  }, 120_000);
});
