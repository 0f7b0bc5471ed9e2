import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, type ConsoleClient } from '../../../src/main/cli/jobs/console-client';
import { SimFleet } from '../../../src/main/sim/sim-fleet';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import type { JobDetail, JobSummary } from '../../../src/shared/jobs/job-model';
import { guardChild, killQuietly } from '../../helpers/child-process-guard';
import { startMosquitto, tempDir, type MosquittoBroker } from '../../helpers';
import { CONTROLLER, CONTROLLER_TOPIC } from './jobs-fleet';

const TABLE = 'Device.LocalAgent.Subscription.';
const TOKEN = 'restart-test-token';

interface ConsoleChild {
  child: ChildProcess;
  client: ConsoleClient;
  /** The warnings the console printed so far (`WARN <json>` lines). */
  warnings: () => string[];
}

/** Starts the console in a child process and resolves with its API client once it listens. */
function startChild(dataDir: string, brokerUrl: string): Promise<ConsoleChild> {
  // node itself (not the tsx wrapper) is the child, so SIGKILL reaches the console process.
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'console-child.ts'), dataDir, brokerUrl, TOKEN], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  guardChild(child, false);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /^URL (\S+)$/m.exec(out)?.[1];
      if (url) resolve({ child, client: consoleClient(url), warnings: () => [...out.matchAll(/^WARN (.*)\n/gm)].map((m) => JSON.parse(m[1]!) as string) });
    });
    child.once('exit', (code) => reject(new Error(`console exited with ${code} before it was ready`)));
  });
}

let broker: MosquittoBroker;
let fleet: SimFleet;

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = new SimFleet({
    count: 30,
    idPrefix: 'proto::restart-',
    controllerId: CONTROLLER,
    link: (id) => mqttAgentLink(id, { url: broker.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC }),
    agent: { tickMs: 0 },
  });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await broker?.stop();
});

describe('a job survives kill -9 of the console', () => {
  it('resumes after a restart with the same data folder and adds no instance twice', async () => {
    const dataDir = await tempDir();
    const first = await startChild(dataDir, broker.url);
    try {
      // The agents connect to the running console (their Connect records make them known and online).
      await fleet.start();
      let agents: { agentId: string; presence: string }[] = [];
      for (;;) {
        agents = await first.client.request('GET', '/agents');
        if (agents.filter((a) => a.presence === 'online').length === 30) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const job = await first.client.request<JobSummary>('POST', '/jobs', {
        name: 'add alias',
        targets: { filter: 'mtp=="mqtt"' },
        operation: { kind: 'add', object: TABLE, params: { Alias: 'job-{serial}', ID: 'job-{serial}', NotifType: 'ValueChange', ReferenceList: 'Device.DeviceInfo.UpTime', Enable: true, Persistent: true } },
        options: { canary: 0, concurrency: 2, ratePerSecond: 15 },
      });
      // Kill it mid-job: some agents done, some in flight, most not started.
      for (;;) {
        const now = await first.client.request<JobSummary>('GET', `/jobs/${job.id}`);
        if (now.counts.succeeded >= 8) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      killQuietly(first.child, false, 'SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      expect(first.warnings()).toEqual([]);

      const second = await startChild(dataDir, broker.url);
      try {
        // Over a broker the new console learns an agent is there from its next record: the agents reconnect.
        for (const agent of fleet.agents) {
          await agent.stop();
          await agent.start();
        }
        // A step in flight at the kill is checked against its agent before anything is re-sent, which
        // can outlast one long poll on a busy machine: wait on (the test's own timeout bounds it).
        let settled = await second.client.request<JobSummary>('GET', `/jobs/${job.id}/settled`);
        while (settled.state === 'running') settled = await second.client.request<JobSummary>('GET', `/jobs/${job.id}/settled`);
        expect(settled).toMatchObject({ state: 'succeeded', counts: { succeeded: 30 } });
        const detail = await second.client.request<JobDetail>('GET', `/jobs/${job.id}`);
        for (const agent of fleet.agents) {
          const serial = agent.model.get('Device.DeviceInfo.SerialNumber');
          const ours = agent.model.instances(TABLE).filter((n) => agent.model.get(`${TABLE}${n}.Alias`) === `job-${serial}`);
          expect(ours, agent.endpointId).toHaveLength(1);
          expect(detail.steps.find((s) => s.endpointId === agent.endpointId)!.after).toEqual({ [`${TABLE}${ours[0]}.`]: 'created' });
        }
        expect(second.warnings()).toEqual([]);
      } finally {
        killQuietly(second.child, false, 'SIGTERM');
      }
    } finally {
      killQuietly(first.child, false, 'SIGKILL');
    }
  }, 120_000);
});
