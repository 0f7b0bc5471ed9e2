import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app/create-app';
import type { SimFleet } from '../../../src/main/sim/sim-fleet';
import type { JobProgressEvent, JobSummary } from '../../../src/shared/jobs/job-model';
import { collectWarnings, startMosquitto, type MosquittoBroker } from '../../helpers';
import { startAgents, startConsole } from './jobs-fleet';

const BAND = 'Device.WiFi.Radio.1.OperatingFrequencyBand';
const SSID = 'Device.WiFi.SSID.1.SSID';

let broker: MosquittoBroker;
let app: App;
const { warn, warnings } = collectWarnings();

beforeAll(async () => {
  broker = await startMosquitto();
  app = await startConsole(broker, warn);
});

afterAll(async () => {
  await app?.close();
  await broker?.stop();
  expect(warnings).toEqual([]);
});

async function settled(id: string) {
  return app.jobs.whenSettled(id);
}

describe('bulk jobs against simulated agents over MQTT', () => {
  let fleet: SimFleet;
  beforeAll(async () => {
    fleet = await startAgents(broker, app, 100, 'proto::job-');
  }, 60_000);
  afterAll(async () => {
    await fleet?.stop();
  });

  it('a 100-agent Set of two parameters: canary first, the failure threshold trips, retry of the failed only, then rollback restores every old value', async () => {
    // 5 GHz is accepted only where SupportedFrequencyBands lists it (enumFrom): agents 31..100 refuse with 7012.
    // Steps run in Endpoint ID order (proto::job-1, proto::job-10, proto::job-100, …).
    const ordered = [...fleet.agents].sort((x, y) => x.endpointId.localeCompare(y.endpointId));
    ordered.slice(0, 30).forEach((a) => a.model.setValue('Device.WiFi.Radio.1.', 'SupportedFrequencyBands', '2.4GHz,5GHz'));
    const job = app.jobs.start({
      name: 'band + ssid',
      targets: { filter: 'mtp=="mqtt"' },
      operation: { kind: 'set', params: { [BAND]: '5GHz', [SSID]: 'lab-{endpointId}' } },
      options: { canary: 5, concurrency: 16, failureThreshold: 20 },
    });
    expect(job.total).toBe(100);
    const paused = await settled(job.id);
    expect(paused.state).toBe('paused');
    expect(paused.pauseReason).toMatch(/^failure threshold: \d+ of \d+ finished steps failed \(more than 20 %\)$/);
    expect(paused.counts.queued).toBeGreaterThan(0);
    expect(paused.counts.running).toBe(0);
    const steps = app.jobs.get(job.id).steps;
    // The canary ran before anyone else: the first five steps started before any later one.
    const canaryDone = Math.max(...steps.slice(0, 5).map((s) => s.finishedAt!));
    expect(steps.slice(5).filter((s) => s.startedAt !== null).every((s) => s.startedAt! >= canaryDone)).toBe(true);
    const failed = steps.filter((s) => s.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((s) => [s.errorCode, s.attempts, s.errorMessage])).toEqual(failed.map(() => ['7012', 1, expect.any(String)]));
    const firstWinners = steps.filter((s) => s.state === 'succeeded');
    expect(firstWinners.every((s) => s.before![BAND] === '2.4GHz' && s.before![SSID] === 'Acme-7F10')).toBe(true);

    // Fix the refusing agents and retry the failed ones only (the job then goes on with the rest).
    fleet.agents.forEach((a) => a.model.setValue('Device.WiFi.Radio.1.', 'SupportedFrequencyBands', '2.4GHz,5GHz'));
    app.jobs.retry(job.id, { errorCode: '7012' });
    const done = await settled(job.id);
    expect(done).toMatchObject({ state: 'succeeded', counts: { succeeded: 100 } });
    const after = app.jobs.get(job.id).steps;
    for (const s of firstWinners) expect(after.find((a) => a.endpointId === s.endpointId)).toMatchObject({ attempts: 1, finishedAt: s.finishedAt });
    expect(fleet.agents.every((a) => a.model.get(BAND) === '5GHz' && a.model.get(SSID) === `lab-${a.endpointId}`)).toBe(true);

    const rollback = app.jobs.rollback(job.id);
    expect(rollback.total).toBe(100);
    expect(await settled(rollback.id)).toMatchObject({ state: 'succeeded', counts: { succeeded: 100 } });
    expect(fleet.agents.every((a) => a.model.get(BAND) === '2.4GHz' && a.model.get(SSID) === 'Acme-7F10')).toBe(true);
    expect(app.store.audit.list({ endpointId: fleet.agents[0]!.endpointId }).filter((e) => e.action === 'job:set')).toHaveLength(2);
  }, 120_000);

  it('an offline agent is queued and applied when it comes back; a value changed meanwhile is a conflict', async () => {
    const [a, b, c] = fleet.agents.slice(0, 3) as [SimFleet['agents'][number], SimFleet['agents'][number], SimFleet['agents'][number]];
    for (const agent of [a, b, c]) await app.usp.get(agent.endpointId, [SSID]);
    await b.stop();
    await c.stop();
    // Over a broker the only sign an agent left is a request that times out (agent-registry.ts); the
    // controller judges it as the timeout fires, even right after its broker link came up, since
    // the agent spoke over the link (link-presence.ts).
    for (const gone of [b, c]) {
      await expect(app.usp.get(gone.endpointId, [SSID], { timeoutMs: 300 })).rejects.toThrow(/within 300 ms/);
      expect(app.controller.agent(gone.endpointId)?.online).toBe(false);
    }
    let unsubscribe = (): void => undefined;
    const aApplied = new Promise<JobSummary>((resolve) => {
      unsubscribe = app.dispatcher.onEvent((event, payload) => {
        const done = event === 'jobs' ? (payload as JobProgressEvent[]).find((e) => e.job.name === 'offline' && e.job.counts.succeeded === 1) : undefined;
        if (done) resolve(done.job);
      });
    });
    const job = app.jobs.start({
      name: 'offline',
      targets: { agents: [a.endpointId, b.endpointId, c.endpointId] },
      operation: { kind: 'set', params: { [SSID]: 'queued' } },
      options: { canary: 0, failureThreshold: 100 },
    });
    // Steps for offline agents wait from the start; a's Set is reported by the job's progress events.
    expect(job.counts).toMatchObject({ 'waiting-offline': 2, running: 1 });
    expect((await aApplied).counts).toMatchObject({ succeeded: 1, 'waiting-offline': 2 });
    unsubscribe();
    c.model.setValue('Device.WiFi.SSID.1.', 'SSID', 'changed-locally');
    await b.start();
    await c.start();
    const done = await settled(job.id);
    expect(done).toMatchObject({ state: 'failed', counts: { succeeded: 2, failed: 1 } });
    expect(b.model.get(SSID)).toBe('queued');
    expect(c.model.get(SSID)).toBe('changed-locally');
    expect(app.jobs.get(job.id).steps.find((s) => s.endpointId === c.endpointId)).toMatchObject({ errorCode: 'conflict', errorMessage: `changed since the preview: ${SSID} is now "changed-locally"` });
  }, 60_000);
});
