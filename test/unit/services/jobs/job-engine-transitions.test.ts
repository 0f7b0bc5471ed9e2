// The job engine's state machine in detail: audit entries and progress events, restarts,
// pauses with steps in flight, offline expiry, and how each operation checks the agent first.

import { describe, expect, it } from 'vitest';
import { JobEngine } from '../../../../src/main/services/jobs/job-engine';
import { JobNotFoundError } from '../../../../src/main/services/jobs/job-errors';
import type { Store } from '../../../../src/main/store/store';
import type { PathValues } from '../../../../src/shared/jobs/job-model';
import { CH, setup, states } from './engine-fixture';
import { FakeClock, settle, transportError, uspError } from './scripted-agents';

const CH2 = 'Device.WiFi.Radio.2.Channel';
const SUB = 'Device.LocalAgent.Subscription.';

const audits = (store: Store, action: string) => store.audit.list().filter((a) => a.action === action);

/** Records `promise`'s value once it resolves (null until then). */
function watch<T>(promise: Promise<T>): { value: T | null } {
  const box: { value: T | null } = { value: null };
  void promise.then((v) => (box.value = v));
  return box;
}

describe('job engine: audit entries', () => {
  it('audits each finished step with its path, old and new value, result and detail', async () => {
    const { agents, create, store, ids } = await setup(3, { canary: 0, failureThreshold: 100 });
    agents.values.get(ids[0]!)![CH] = '11';
    agents.fail(ids[2]!, 'set', uspError(7004));
    const job = create();
    await settle();
    const entry = (id: string) => audits(store, 'job:set').find((a) => a.endpointId === id)!;
    expect(entry(ids[0]!)).toMatchObject({ path: CH, oldValue: '11', newValue: '11', result: 'success' });
    expect(entry(ids[1]!)).toMatchObject({ path: CH, oldValue: '6', newValue: '11', result: 'success' });
    expect(JSON.parse(entry(ids[1]!).detail!)).toEqual({ jobId: job.id, state: 'succeeded', errorCode: null, errorMessage: null, before: { [CH]: '6' }, after: { [CH]: '11' } });
    expect(entry(ids[2]!)).toMatchObject({ path: CH, oldValue: '6', newValue: null, result: 'failure' });
    expect(JSON.parse(entry(ids[2]!).detail!)).toMatchObject({ state: 'failed', errorCode: '7004', errorMessage: 'refused' });
  });

  it('audits the job: created with its agent count, the end with its failures, a pause with its reason', async () => {
    const { agents, create, store, ids, engine } = await setup(3, { canary: 0, failureThreshold: 100 });
    agents.fail(ids[1]!, 'set', uspError(7004));
    const job = create();
    await settle();
    const jobAudits = store.audit.list().filter((a) => a.action.startsWith('job.'));
    expect(jobAudits.map((a) => [a.action, a.detail]).sort()).toEqual([
      ['job.created', `job ${job.id} (ch): 3 agents`],
      ['job.failed', `job ${job.id} (ch): 1 failed`],
    ]);
    expect(jobAudits[0]).toMatchObject({ endpointId: null, path: '', oldValue: null, newValue: null, result: 'success' });
    engine.retry(job.id);
    await settle();
    expect(audits(store, 'job.retry').map((a) => a.detail)).toEqual([`job ${job.id} (ch): 1 steps`]);
  });

  it('an Add audits the instance it created, a Delete the instance it removed, a step that never reached the agent no path', async () => {
    const { engine, file, store, ids } = await setup(1, { canary: 0 }, { kind: 'add', object: SUB, params: { ID: 'x' } }, () => ({ serial: null }));
    const add = engine.create(file(), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(add.id).steps[0]).toMatchObject({ state: 'succeeded', before: null, after: { [`${SUB}1.`]: 'created' } });
    expect(audits(store, 'job:add')[0]).toMatchObject({ path: `${SUB}1.`, oldValue: null, newValue: 'created', result: 'success' });
    const del = engine.create(file({ kind: 'delete', paths: [`${SUB}1.`] }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(del.id).steps[0]).toMatchObject({ state: 'succeeded', before: { [`${SUB}1.`]: 'existed' }, after: null });
    expect(audits(store, 'job:delete')[0]).toMatchObject({ path: `${SUB}1.`, oldValue: 'existed', newValue: null, result: 'success' });
    const ph = engine.create(file({ kind: 'set', params: { [CH]: 'ch-{serial}' } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(ph.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'placeholder' });
    expect(audits(store, 'job:set')[0]).toMatchObject({ path: '', oldValue: null, newValue: null, result: 'failure' });
  });
});

describe('job engine: lookups and refusals', () => {
  it('lists jobs; unknown jobs are not found; a retry needs failed steps and a job that is not cancelling', async () => {
    const { agents, create, engine } = await setup(2, { canary: 0 });
    expect(() => engine.get('nope')).toThrow(JobNotFoundError);
    expect(() => engine.pause('nope')).toThrow(JobNotFoundError);
    expect(() => engine.retry('nope')).toThrow(JobNotFoundError);
    await expect(engine.whenSettled('nope')).rejects.toThrow(JobNotFoundError);
    agents.holdAll = true;
    const job = create();
    await settle();
    expect(engine.list()).toEqual([expect.objectContaining({ id: job.id, state: 'running', total: 2 })]);
    expect(() => engine.resume(job.id)).toThrow(`job ${job.id} is running, not paused`);
    expect(() => engine.retry(job.id)).toThrow(`job ${job.id} has no failed steps to retry`);
    engine.cancel(job.id);
    expect(() => engine.retry(job.id)).toThrow(`job ${job.id} is cancelling`);
  });
});

describe('job engine: pauses', () => {
  it('a pause waits for the steps in flight; their failures do not change the reason; it settles when the last reports', async () => {
    const { agents, create, engine, store, ids } = await setup(2, { canary: 0 });
    agents.fail(ids[0]!, 'get', 'hold');
    agents.fail(ids[0]!, 'set', uspError(7004));
    agents.fail(ids[1]!, 'get', 'hold');
    agents.fail(ids[1]!, 'set', 'hold');
    const job = create();
    await settle();
    const settled = watch(engine.whenSettled(job.id));
    expect(engine.pause(job.id)).toMatchObject({ state: 'paused', pauseReason: 'paused by the operator' });
    expect(engine.pause(job.id).state).toBe('paused');
    expect(audits(store, 'job.paused').map((a) => a.detail)).toEqual([`job ${job.id} (ch): paused by the operator`]);
    const later = watch(engine.whenSettled(job.id));
    await settle();
    expect(settled.value).toBeNull();
    expect(later.value).toBeNull();
    await agents.release();
    expect(states(store, job.id)).toEqual(['failed', 'running']);
    expect(settled.value).toBeNull();
    expect(engine.get(job.id).pauseReason).toBe('paused by the operator');
    await agents.release();
    expect(settled.value).toMatchObject({ state: 'paused', counts: { failed: 1, succeeded: 1 } });
    expect(later.value).toMatchObject({ state: 'paused' });
    await expect(engine.whenSettled(job.id)).resolves.toMatchObject({ state: 'paused' });
  });

  it('a canary that fails after the operator paused and resumed still pauses the job', async () => {
    const { agents, create, engine, store, ids } = await setup(3, { canary: 1 });
    agents.fail(ids[0]!, 'get', 'hold');
    agents.fail(ids[0]!, 'set', uspError(7004));
    const job = create();
    await settle();
    engine.pause(job.id);
    expect(engine.resume(job.id).state).toBe('running');
    await agents.release();
    expect(engine.get(job.id)).toMatchObject({ state: 'paused', pauseReason: 'canary failed: the first 1 agents must all succeed' });
    expect(states(store, job.id)).toEqual(['failed', 'queued', 'queued']);
  });

  it('a paused job starts nothing when an agent comes online; resume does', async () => {
    const { agents, create, engine, store, ids } = await setup(2, { canary: 0 });
    agents.offline.add(ids[1]!);
    const job = create();
    await settle();
    engine.agentOnline('nobody');
    engine.agentOnline(ids[0]!);
    expect(states(store, job.id)).toEqual(['succeeded', 'waiting-offline']);
    engine.pause(job.id);
    agents.offline.delete(ids[1]!);
    engine.agentOnline(ids[1]!);
    await settle();
    expect(states(store, job.id)).toEqual(['succeeded', 'queued']);
    expect(agents.callsOf('set')).toEqual([ids[0]]);
    engine.resume(job.id);
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'succeeded', counts: { succeeded: 2 } });
  });
});

describe('job engine: cancel and retry', () => {
  it('a second cancel while steps are in flight changes nothing', async () => {
    const { agents, create, engine, store } = await setup(3, { canary: 0, concurrency: 2 });
    agents.holdAll = true;
    const job = create();
    await settle();
    engine.cancel(job.id);
    expect(engine.cancel(job.id)).toMatchObject({ state: 'cancelling', counts: { running: 2, cancelled: 1 } });
    expect(audits(store, 'job.cancelling').map((a) => a.detail)).toEqual([`job ${job.id} (ch): 2 steps in flight`]);
  });

  it('a retry after a failed canary accepts it: the other agents start along with the retried one', async () => {
    const { agents, create, engine, store, ids } = await setup(3, { canary: 1 });
    agents.fail(ids[0]!, 'set', uspError(7004));
    const job = create();
    await settle();
    expect(engine.get(job.id).state).toBe('paused');
    agents.holdAll = true;
    engine.retry(job.id);
    await settle();
    expect(states(store, job.id)).toEqual(['running', 'running', 'running']);
  });
});

describe('job engine: settling', () => {
  it('whenSettled waits while agents are offline, resolves when the job is paused', async () => {
    const { agents, create, engine, ids } = await setup(2, { canary: 0 });
    agents.offline.add(ids[1]!);
    const job = create();
    await settle();
    const settled = watch(engine.whenSettled(job.id));
    await settle();
    expect(settled.value).toBeNull();
    engine.pause(job.id);
    await settle();
    expect(settled.value).toMatchObject({ state: 'paused' });
  });

  it('a scheduled job that starts is not settled until its steps report', async () => {
    const { agents, create, engine, clock } = await setup(2, { canary: 0, startAt: new Date(1_000_000 + 5000).toISOString() });
    agents.holdAll = true;
    const job = create();
    const settled = watch(engine.whenSettled(job.id));
    await clock.advance(5000);
    expect(engine.get(job.id)).toMatchObject({ state: 'running', startedAt: 1_005_000 });
    expect(settled.value).toBeNull();
    await agents.release();
    await agents.release();
    expect(settled.value).toMatchObject({ state: 'succeeded' });
  });
});

describe('job engine: offline agents', () => {
  it('waits offlineTtlSeconds for an agent, then expires only the steps still waiting; one back in time runs', async () => {
    const { agents, create, engine, store, ids, clock } = await setup(3, { canary: 0, offlineTtlSeconds: 60, failureThreshold: 100 });
    const t0 = clock.now();
    agents.offline.add(ids[0]!);
    agents.fail(ids[1]!, 'get', transportError());
    const job = create();
    await settle();
    expect(states(store, job.id)).toEqual(['waiting-offline', 'queued', 'succeeded']);
    expect(store.jobs.step(job.id, ids[0]!)!.expiresAt).toBe(t0 + 60_000);
    // The second agent drops off before its retry: it waits from then on.
    agents.offline.add(ids[1]!);
    await clock.advance(1000);
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'waiting-offline', expiresAt: t0 + 61_000 });
    await clock.advance(9000);
    agents.offline.delete(ids[0]!);
    engine.agentOnline(ids[0]!);
    await settle();
    expect(states(store, job.id)).toEqual(['succeeded', 'waiting-offline', 'succeeded']);
    await clock.advance(50_999);
    expect(states(store, job.id)).toEqual(['succeeded', 'waiting-offline', 'succeeded']);
    await clock.advance(1);
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'expired', errorCode: 'offline', errorMessage: 'the agent stayed offline for 60 s' });
    expect(engine.get(job.id)).toMatchObject({ state: 'failed', counts: { succeeded: 2, expired: 1 } });
  });

  it('a step still waiting for its agent keeps a resumed canary accepted after a restart', async () => {
    const { agents, create, engine, store, ids, restart } = await setup(3, { canary: 1, failureThreshold: 100 });
    agents.fail(ids[0]!, 'set', uspError(7004));
    agents.offline.add(ids[1]!);
    const job = create();
    await settle();
    expect(engine.get(job.id).state).toBe('paused');
    engine.resume(job.id);
    await settle();
    expect(states(store, job.id)).toEqual(['failed', 'waiting-offline', 'succeeded']);
    const again = restart();
    await settle();
    expect(again.get(job.id).state).toBe('running');
    agents.offline.delete(ids[1]!);
    again.agentOnline(ids[1]!);
    await settle();
    expect(again.get(job.id)).toMatchObject({ state: 'failed', counts: { failed: 1, succeeded: 2 } });
  });
});

describe('job engine: progress events', () => {
  it('are batched over 200 ms and name only the jobs that changed', async () => {
    const { agents, engine, events, clock, file, ids } = await setup(2, { canary: 0 });
    agents.offline.add(ids[0]!);
    const quiet = engine.create(file(), [{ endpointId: ids[0]!, expected: null }]);
    await clock.advance(200);
    expect(events.map((e) => e.job.id)).toEqual([quiet.id]);
    agents.holdAll = true;
    const busy = engine.create(file(), [{ endpointId: ids[1]!, expected: null }]);
    await settle();
    expect(events).toHaveLength(1);
    await clock.advance(199);
    expect(events).toHaveLength(1);
    await clock.advance(1);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ job: { id: busy.id, state: 'running' }, steps: [{ endpointId: ids[1], state: 'running' }] });
    await agents.release();
    await agents.release();
    await clock.advance(1000);
    expect(events.slice(1).map((e) => e.job.id)).toEqual([busy.id, busy.id]);
    expect(events.at(-1)!.job).toMatchObject({ state: 'succeeded' });
    // The finished job is not reported again when another one changes.
    agents.holdAll = false;
    engine.cancel(quiet.id);
    await clock.advance(1000);
    expect(events.slice(3).map((e) => e.job.id)).toEqual([quiet.id]);
  });
  it('stop drops the pending batch; a start() afterwards batches anew', async () => {
    const { agents, engine, events, clock, create } = await setup(1, { canary: 0 });
    agents.holdAll = true;
    create();
    await clock.advance(100);
    engine.stop();
    engine.start();
    await clock.advance(199);
    expect(events).toHaveLength(0);
    await clock.advance(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.steps).toEqual([expect.objectContaining({ state: 'running', attempts: 2 })]);
  });

  it('a change right after a batch went out waits a whole interval', async () => {
    const { agents, engine, events, clock, file, ids } = await setup(2, { canary: 0 });
    agents.offline.add(ids[1]!);
    agents.holdAll = true;
    engine.create(file(), ids.map((endpointId) => ({ endpointId, expected: null })));
    await clock.advance(100);
    await agents.release();
    await clock.advance(100);
    expect(events).toHaveLength(1);
    await clock.advance(50);
    await agents.release();
    await clock.advance(199);
    expect(events).toHaveLength(1);
    await clock.advance(1);
    expect(events).toHaveLength(2);
    expect(events[1]!.steps).toEqual([expect.objectContaining({ endpointId: ids[0], state: 'succeeded' })]);
  });
});

describe('job engine: restarts', () => {
  it('a Set that reached the agent before the console stopped is found applied after the restart and not sent again', async () => {
    const { agents, create, engine, store, ids, restart, clock } = await setup(2, { canary: 0 });
    agents.fail(ids[0]!, 'set', 'apply-then-hold');
    agents.fail(ids[1]!, 'set', 'hold');
    const job = create();
    await settle();
    const startedAt = clock.now();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'running', phase: 'sent', before: { [CH]: '6' }, startedAt, attempts: 1 });
    engine.stop();
    // The answer of the other agent comes after the stop: the step stays as stored.
    await agents.release();
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'running', phase: 'sent' });
    await clock.advance(1000);
    const again = restart();
    await settle();
    expect(again.get(job.id)).toMatchObject({ state: 'succeeded', counts: { succeeded: 2 } });
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', before: { [CH]: '6' }, after: { [CH]: '11' }, attempts: 2, startedAt });
    expect(agents.callsOf('set')).toEqual([ids[0], ids[1]]);
  });

  it('a Set that reached the agent before a restart is not taken for a conflict when the agent was away meanwhile', async () => {
    const { agents, create, engine, store, ids, restart } = await setup(1, { canary: 0 });
    agents.fail(ids[0]!, 'set', 'apply-then-hold');
    const job = create();
    await settle();
    engine.stop();
    agents.offline.add(ids[0]!);
    const again = restart();
    await settle();
    expect(states(store, job.id)).toEqual(['waiting-offline']);
    agents.offline.delete(ids[0]!);
    again.agentOnline(ids[0]!);
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', before: { [CH]: '6' }, after: { [CH]: '11' } });
    expect(agents.callsOf('set')).toEqual([ids[0]]);
  });

  it('after a restart, an Add that never reached the agent (no instance with its key) is sent again', async () => {
    const { agents, create, engine, store, ids, restart } = await setup(1, { canary: 0 }, { kind: 'add', object: SUB, params: { ID: 'x' } });
    agents.fail(ids[0]!, 'add', 'hold');
    const job = create(null);
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'running', phase: 'sent' });
    engine.stop();
    restart();
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', after: { [`${SUB}1.`]: 'created' } });
    expect(agents.callsOf('add')).toEqual([ids[0], ids[0]]);
  });

  it('after a restart, steps past the canary wait while it is still in flight; a second start() changes nothing', async () => {
    const { agents, create, store, ids, restart } = await setup(3, { canary: 1 });
    agents.fail(ids[0]!, 'get', 'hold', 'hold');
    const job = create();
    await settle();
    const again = restart();
    again.start();
    await settle();
    expect(states(store, job.id)).toEqual(['running', 'queued', 'queued']);
    expect(agents.callsOf('get')).toEqual([ids[0], ids[0]]);
  });

  it('after a restart, a job resumed past its failed canary goes on and keeps its finished steps', async () => {
    const { agents, create, engine, store, ids, restart } = await setup(3, { canary: 1, concurrency: 1, failureThreshold: 100 });
    agents.fail(ids[0]!, 'set', uspError(7004));
    agents.fail(ids[1]!, 'get', 'hold');
    const job = create();
    await settle();
    expect(engine.get(job.id).state).toBe('paused');
    engine.resume(job.id);
    await settle();
    expect(states(store, job.id)).toEqual(['failed', 'running', 'queued']);
    const again = restart();
    await settle();
    expect(again.get(job.id)).toMatchObject({ state: 'failed', counts: { failed: 1, succeeded: 2 } });
  });

  it('after a restart, an Add to a table without unique keys that may have reached the agent fails instead of being sent again', async () => {
    const { agents, create, store, ids, restart } = await setup(1, { canary: 0 }, { kind: 'add', object: SUB, params: { ID: 'x' } });
    agents.keySets.splice(0);
    agents.fail(ids[0]!, 'add', 'apply-then-hold');
    const job = create(null);
    await settle();
    restart();
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'failed', errorCode: 'unexpected', errorMessage: `an Add may have reached the agent before a restart and ${SUB} has no unique key to check it by: not sent again` });
    expect(agents.callsOf('add')).toEqual([ids[0]]);
  });
});

describe('job engine: retries', () => {
  it('a step keeps its first start time across attempts; a retried job is running again with no finish time', async () => {
    const { agents, create, engine, store, ids, clock } = await setup(1, { canary: 0, retries: 0, failureThreshold: 100 });
    agents.fail(ids[0]!, 'get', transportError());
    const t0 = clock.now();
    const job = create();
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'failed', startedAt: t0, finishedAt: t0 });
    await clock.advance(5000);
    agents.holdAll = true;
    expect(engine.retry(job.id)).toMatchObject({ state: 'running', finishedAt: null });
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'running', attempts: 1, startedAt: t0 });
  });
});

describe('job engine: a firmware step in progress', () => {
  it('stores where the step is (stage, image, command key, activation time) before the request goes out', async () => {
    const FW = 'Device.DeviceInfo.FirmwareImage.';
    const { agents, engine, file, store, ids, clock } = await setup(1, { canary: 0 });
    await clock.advance(1234);
    Object.assign(agents.values.get(ids[0]!)!, {
      'Device.DeviceInfo.SoftwareVersion': '1.0',
      'Device.DeviceInfo.ActiveFirmwareImage': `${FW}1`,
      [`${FW}1.Version`]: '1.0',
      [`${FW}1.Status`]: 'Active',
      [`${FW}1.Available`]: 'true',
      [`${FW}2.Version`]: '2.0',
      [`${FW}2.Status`]: 'Available',
      [`${FW}2.Available`]: 'true',
    });
    agents.fail(ids[0]!, 'startOperate', 'hold');
    const job = engine.create(file({ kind: 'firmware', url: 'https://fw.example.net/gw-2.0.img', expectedVersion: '2.0' }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({
      state: 'running',
      phase: 'sent',
      before: { 'Device.DeviceInfo.SoftwareVersion': '1.0' },
      after: { stage: 'activate', image: `${FW}2.`, commandKey: expect.any(String), activatedAt: String(clock.now()) },
    });
  });
});

describe('executing a step against the agent', () => {
  it('sends the timeout in milliseconds', async () => {
    const { agents, create } = await setup(1, { canary: 0, timeoutSeconds: 7 });
    const timeouts: number[] = [];
    const get = agents.get.bind(agents);
    agents.get = (id: string, paths: string[], timeoutMs?: number) => {
      timeouts.push(timeoutMs!);
      return get(id, paths);
    };
    create();
    await settle();
    expect(timeouts).toEqual([7000]);
  });

  it('a Set of a search path sets every matching parameter; a path the agent lacks fails the step', async () => {
    const SSID = (i: number | string, rest = 'SSID') => `Device.WiFi.SSID.${i}.${rest}`;
    const { agents, engine, file, ids } = await setup(2, { canary: 0, failureThreshold: 100 });
    const values = { [SSID(1)]: 'a', [SSID(2)]: 'b', [SSID(1, 'SSIDAdvertisementEnabled')]: 'true', [SSID('x')]: 'c', 'DeviceXWiFi.SSID.3.SSID': 'd' };
    agents.agent(ids[0]!, values);
    // This agent answers with everything it has, so the engine must pick the matches itself.
    agents.get = (id) => Promise.resolve({ ...agents.values.get(id)! });
    const star = engine.create(file({ kind: 'set', params: { [SSID('*')]: 'lab' } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(star.id).steps[0]).toMatchObject({ state: 'succeeded', after: { [SSID(1)]: 'lab', [SSID(2)]: 'lab' } });
    const expr = engine.create(file({ kind: 'set', params: { [SSID('[Enable==true]')]: 'expr' } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(expr.id).steps[0]).toMatchObject({ state: 'succeeded', after: { [SSID(1)]: 'expr', [SSID(2)]: 'expr' } });
    expect(agents.values.get(ids[0]!)).toEqual({ ...values, [SSID(1)]: 'expr', [SSID(2)]: 'expr' });
    const missing = engine.create(file({ kind: 'set', params: { 'Device.Nope': 'x' } }), [{ endpointId: ids[1]!, expected: null }]);
    await settle();
    expect(engine.get(missing.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'not-found', errorMessage: 'Device.Nope does not exist on the agent' });
  });

  it('skips values equal to the new one as numbers or booleans', async () => {
    const EN = 'Device.WiFi.Radio.1.Enable';
    const NAME = 'Device.WiFi.Radio.1.Name';
    const { agents, engine, file, ids } = await setup(3, { canary: 0 });
    agents.agent(ids[0]!, { [CH]: '011' });
    agents.agent(ids[1]!, { [EN]: '1' });
    agents.agent(ids[2]!, { [NAME]: 'lab' });
    const run = async (params: Record<string, string | number | boolean>, endpointId: string) => {
      const job = engine.create(file({ kind: 'set', params }), [{ endpointId, expected: null }]);
      await settle();
      return engine.get(job.id).steps[0]!.state;
    };
    expect(await run({ [CH]: 11 }, ids[0]!)).toBe('skipped');
    expect(await run({ [EN]: true }, ids[1]!)).toBe('skipped');
    expect(await run({ [NAME]: 'lab' }, ids[2]!)).toBe('skipped');
    expect(agents.callsOf('set')).toEqual([]);
  });

  it('checks for changes made while the agent was away only then, and names every changed value', async () => {
    const { agents, engine, file, ids, create } = await setup(2, { canary: 0, failureThreshold: 100 });
    agents.values.get(ids[0]!)![CH] = '1';
    const online = create();
    await settle();
    expect(engine.get(online.id).steps[0]).toMatchObject({ state: 'succeeded', before: { [CH]: '1' } });
    agents.agent(ids[1]!, { [CH]: '6', [CH2]: '6' });
    agents.offline.add(ids[1]!);
    const away = engine.create(file({ kind: 'set', params: { [CH]: 11, [CH2]: 12 } }), [{ endpointId: ids[1]!, expected: { [CH]: '6', [CH2]: '6' } }]);
    await settle();
    Object.assign(agents.values.get(ids[1]!)!, { [CH]: '1', [CH2]: '2' });
    agents.offline.delete(ids[1]!);
    engine.agentOnline(ids[1]!);
    await settle();
    expect(engine.get(away.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'conflict', errorMessage: `changed since the preview: ${CH} is now "1", ${CH2} is now "2"` });
  });

  it('reads only the missing placeholders a template uses and keeps the known ones', async () => {
    const { agents, engine, file, ids } = await setup(1, { canary: 0 }, undefined, () => ({ serial: null }));
    agents.values.get(ids[0]!)!['Device.DeviceInfo.SerialNumber'] = 'LIVE-1';
    const job = engine.create(file({ kind: 'set', params: { [CH]: 'ch-{serial}-{model}', [CH2]: 'plain' } }), [{ endpointId: ids[0]!, expected: null }]);
    agents.values.get(ids[0]!)![CH2] = '1';
    await settle();
    expect(engine.get(job.id).steps[0]).toMatchObject({ state: 'succeeded', after: { [CH]: 'ch-LIVE-1-RG-1', [CH2]: 'plain' } });
  });

  it('an Add checks only the unique key sets its parameters cover: an instance matching all keys of any one of them exists', async () => {
    const { agents, engine, file, ids } = await setup(5, { canary: 0, failureThreshold: 100 });
    agents.keySets.splice(0, agents.keySets.length, ['ID', 'Other'], ['Alias'], ['Name', 'Port']);
    const row = (uniqueKeys: PathValues) => ({ path: `${SUB}4.`, uniqueKeys });
    agents.rows.get(ids[0]!)!.push(row({ ID: 'y' }));
    // Same ID, but the set with ID also needs Other, which the Add does not give.
    agents.rows.get(ids[1]!)!.push(row({ ID: 'x', Alias: 'b', Name: 'm', Port: '2' }));
    agents.rows.get(ids[2]!)!.push(row({ ID: 'y', Alias: 'a', Name: 'q', Port: 'q' }));
    // Name matches, Port does not.
    agents.rows.get(ids[3]!)!.push(row({ ID: 'y', Alias: 'b', Name: 'n', Port: '9' }));
    const job = engine.create(file({ kind: 'add', object: SUB, params: { ID: 'x', Alias: 'a', Name: 'n', Port: '1' } }), ids.map((endpointId) => ({ endpointId, expected: null })));
    await settle();
    const steps = engine.get(job.id).steps;
    expect(steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded', 'succeeded']);
    expect(steps[2]).toMatchObject({ errorCode: 'unique-key-exists', errorMessage: `${SUB}4. has the same unique key` });
    expect(steps[0]!.after).toEqual({ [`${SUB}2.`]: 'created' });
    expect(agents.callsOf('add')).toEqual([ids[0], ids[1], ids[3], ids[4]]);
  });

  it('an Add to a table without unique keys is sent once', async () => {
    const { agents, engine, file, ids } = await setup(1, { canary: 0 });
    agents.keySets.splice(0);
    const job = engine.create(file({ kind: 'add', object: SUB, params: { ID: 'x' } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(job.id).steps[0]).toMatchObject({ state: 'succeeded', after: { [`${SUB}1.`]: 'created' } });
    expect(agents.callsOf('add')).toEqual([ids[0]]);
  });

  it('job ids come from newId, or are random UUIDs', async () => {
    const { agents, engine, file, store, ids } = await setup(1, { canary: 0 });
    expect(engine.create(file(), [{ endpointId: ids[0]!, expected: null }]).id).toBe('job-1');
    const plain = new JobEngine({ store, port: agents, clock: new FakeClock() });
    expect(plain.create(file(), [{ endpointId: ids[0]!, expected: null }]).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('subscribe fills the Subscription, is told apart by ID only; unsubscribe deletes only its own', async () => {
    const { agents, engine, file, ids } = await setup(1, { canary: 0, failureThreshold: 100 });
    agents.rows.get(ids[0]!)!.push({ path: `${SUB}1.`, uniqueKeys: { ID: 'other', NotifType: 'ValueChange' } });
    const sub = () => engine.create(file({ kind: 'subscribe', id: 'lab', notifType: 'ValueChange', paths: ['Device.A.', 'Device.B.'] }), [{ endpointId: ids[0]!, expected: null }]);
    const first = sub();
    await settle();
    expect(engine.get(first.id).steps[0]!.state).toBe('succeeded');
    expect(agents.rows.get(ids[0]!)![1]).toEqual({ path: `${SUB}2.`, uniqueKeys: { ID: 'lab', NotifType: 'ValueChange', ReferenceList: 'Device.A.,Device.B.', Enable: 'true' } });
    const second = sub();
    await settle();
    expect(engine.get(second.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'unique-key-exists' });
    const unsub = engine.create(file({ kind: 'unsubscribe', id: 'lab' }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(unsub.id).steps[0]).toMatchObject({ state: 'succeeded', before: { [`${SUB}2.`]: 'existed' } });
    expect(agents.rows.get(ids[0]!)!.map((r) => r.uniqueKeys.ID)).toEqual(['other']);
  });
});
