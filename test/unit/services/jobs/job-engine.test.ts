import { describe, expect, it } from 'vitest';
import { JobEngine } from '../../../../src/main/services/jobs/job-engine';
import { jobFileSchema, type JobFileInput } from '../../../../src/shared/jobs/job-file';
import { CH, setup, states } from './engine-fixture';
import { settle, transportError, uspError } from './scripted-agents';

describe('job engine', () => {
  it('runs the canary alone, then never more than `concurrency` agents at once', async () => {
    const { agents, engine, create, store, ids } = await setup(10, { canary: 2, concurrency: 3 });
    agents.holdAll = true;
    const job = create();
    await settle();
    expect(agents.heldCount).toBe(2);
    expect(states(store, job.id).filter((s) => s === 'running')).toHaveLength(2);
    while (agents.heldCount > 0) await agents.release();
    expect(agents.maxInFlight).toBe(3);
    expect(engine.get(job.id)).toMatchObject({ state: 'succeeded', counts: { succeeded: 10 } });
    expect(agents.values.get(ids[9]!)).toEqual({ [CH]: '11' });
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ before: { [CH]: '6' }, after: { [CH]: '11' }, phase: 'sent', attempts: 1 });
  });

  it('starts at most ratePerSecond agents per second (fake clock)', async () => {
    const { clock, create, store } = await setup(4, { ratePerSecond: 2, canary: 0 });
    const job = create();
    await settle();
    expect(states(store, job.id)).toEqual(['succeeded', 'queued', 'queued', 'queued']);
    await clock.advance(499);
    expect(states(store, job.id)).toEqual(['succeeded', 'queued', 'queued', 'queued']);
    await clock.advance(1);
    expect(states(store, job.id)).toEqual(['succeeded', 'succeeded', 'queued', 'queued']);
    await clock.advance(1000);
    expect(states(store, job.id)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('pauses on a failed canary; resume goes on', async () => {
    const { agents, engine, create, store, ids } = await setup(5, { canary: 1 });
    agents.fail(ids[0]!, 'set', uspError(7004));
    const job = create();
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'paused', pauseReason: expect.stringContaining('canary failed') });
    expect(states(store, job.id)).toEqual(['failed', 'queued', 'queued', 'queued', 'queued']);
    engine.resume(job.id);
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'failed', counts: { succeeded: 4, failed: 1 } });
  });

  it('pauses when more than failureThreshold % of finished steps failed; USP errors are not retried', async () => {
    const { agents, engine, create, store, ids } = await setup(20, { canary: 1, failureThreshold: 20, concurrency: 1, retries: 3 });
    for (const id of ids.slice(3)) agents.fail(id, 'set', uspError(7004));
    const job = create();
    await settle();
    // 3 succeeded, then 1 failure = 25 % > 20 %.
    expect(engine.get(job.id)).toMatchObject({ state: 'paused', counts: { succeeded: 3, failed: 1, queued: 16 } });
    expect(engine.get(job.id).pauseReason).toBe('failure threshold: 1 of 4 finished steps failed (more than 20 %)');
    expect(store.jobs.step(job.id, ids[3]!)).toMatchObject({ attempts: 1, errorCode: '7004' });
    expect(agents.callsOf('set').filter((id) => id === ids[3])).toHaveLength(1);
  });

  it('retries transport failures with back-off, then gives up after `retries`', async () => {
    const { agents, engine, create, clock, store, ids } = await setup(2, { canary: 0, retries: 2 });
    agents.fail(ids[0]!, 'get', transportError(), transportError());
    agents.fail(ids[1]!, 'get', transportError(), transportError(), transportError());
    const job = create();
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'queued', attempts: 1, errorCode: 'transport', nextAt: clock.now() + 1000 });
    await clock.advance(1000);
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'queued', attempts: 2, nextAt: clock.now() + 2000 });
    await clock.advance(2000);
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', attempts: 3 });
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'failed', attempts: 3, errorCode: 'transport' });
    expect(engine.get(job.id).state).toBe('paused');
  });

  it('retries only the failed steps with a given error code', async () => {
    const { agents, engine, create, store, ids } = await setup(4, { canary: 0, failureThreshold: 100 });
    agents.fail(ids[1]!, 'set', uspError(7004));
    agents.fail(ids[2]!, 'set', uspError(7012));
    const job = create();
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'failed', counts: { succeeded: 2, failed: 2 } });
    expect(() => engine.retry(job.id, { errorCode: '9999' })).toThrow('has no failed steps with error 9999');
    engine.retry(job.id, { errorCode: '7004' });
    await settle();
    expect(states(store, job.id)).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded']);
    expect(agents.callsOf('set').filter((id) => id === ids[2])).toHaveLength(1);
    expect(engine.get(job.id).state).toBe('failed');
  });

  it('retries exactly one failure group: error code, model and software version, or the agents it lists', async () => {
    // a000-a003 RG-1 1.0, a004-a005 RG-1 2.0, a006-a007 RG-2 1.0; all but a000 fail with 7004, a001 with 7012.
    const model = (i: number): string => (i >= 6 ? 'RG-2' : 'RG-1');
    const { agents, engine, create, store, ids } = await setup(8, { canary: 0, failureThreshold: 100 }, undefined, (i) => ({ model: model(i), softwareVersion: i === 4 || i === 5 ? '2.0' : '1.0' }));
    for (const id of ids.slice(1)) agents.fail(id, 'set', uspError(id === ids[1] ? 7012 : 7004));
    const job = create();
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'failed', counts: { succeeded: 1, failed: 7 } });
    const setsOf = (id: string): number => agents.callsOf('set').filter((c) => c === id).length;
    expect(() => engine.retry(job.id, { errorCode: '7012', model: 'RG-2' })).toThrow('has no failed steps with error 7012, model RG-2 to retry');
    engine.retry(job.id, { errorCode: '7004', model: 'RG-1', softwareVersion: '1.0' });
    await settle();
    // Only a002 and a003: a001 failed with another code, a004/a005 run 2.0, a006/a007 are RG-2.
    expect(ids.map(setsOf)).toEqual([1, 1, 2, 2, 1, 1, 1, 1]);
    expect(states(store, job.id)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded', 'failed', 'failed', 'failed', 'failed']);
    engine.retry(job.id, { errorCode: '7004', endpointIds: [ids[4]!, ids[6]!, ids[1]!] });
    await settle();
    expect(ids.map(setsOf)).toEqual([1, 1, 2, 2, 2, 1, 2, 1]);
    expect(store.audit.list().map((a) => a.detail)).toContain(`job ${job.id} (ch): 2 steps with error 7004 among 3 agents`);
    expect(() => engine.retry(job.id, { model: null })).toThrow('has no failed steps with model unknown to retry');
  });

  it('queues offline agents, applies when they come back, flags a conflict, expires after the TTL', async () => {
    const { agents, engine, create, clock, store, ids } = await setup(3, { canary: 0, offlineTtlSeconds: 60, failureThreshold: 100 });
    for (const id of ids) agents.offline.add(id);
    const job = create();
    await settle();
    expect(states(store, job.id)).toEqual(['waiting-offline', 'waiting-offline', 'waiting-offline']);
    agents.offline.delete(ids[0]!);
    engine.agentOnline(ids[0]!);
    agents.values.get(ids[1]!)![CH] = '1';
    agents.offline.delete(ids[1]!);
    engine.agentOnline(ids[1]!);
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded' });
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'failed', errorCode: 'conflict', errorMessage: `changed since the preview: ${CH} is now "1"` });
    expect(agents.values.get(ids[1]!)![CH]).toBe('1');
    await clock.advance(60_000);
    expect(store.jobs.step(job.id, ids[2]!)).toMatchObject({ state: 'expired', errorCode: 'offline' });
    expect(engine.get(job.id).state).toBe('failed');
  });

  it('with force, overwrites a value changed while the agent was offline', async () => {
    const { agents, engine, create, store, ids } = await setup(1, { canary: 0, force: true });
    agents.offline.add(ids[0]!);
    const job = create();
    await settle();
    agents.values.get(ids[0]!)![CH] = '1';
    agents.offline.delete(ids[0]!);
    engine.agentOnline(ids[0]!);
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', before: { [CH]: '1' } });
  });

  it('skips agents already at the new value', async () => {
    const { agents, engine, create, ids } = await setup(2, { canary: 0 });
    agents.values.get(ids[0]!)![CH] = '11';
    const job = create();
    await settle();
    expect(engine.get(job.id)).toMatchObject({ state: 'succeeded', counts: { skipped: 1, succeeded: 1 } });
    expect(agents.callsOf('set')).toEqual([ids[1]]);
  });

  it('pause stops new starts, cancel ends the rest; both are audited', async () => {
    const { agents, engine, create, store } = await setup(5, { canary: 0, concurrency: 2 });
    agents.holdAll = true;
    const job = create();
    await settle();
    engine.pause(job.id);
    while (agents.heldCount > 0) await agents.release();
    expect(engine.get(job.id)).toMatchObject({ state: 'paused', counts: { succeeded: 2, queued: 3 } });
    engine.cancel(job.id);
    expect(engine.get(job.id)).toMatchObject({ state: 'cancelled', counts: { succeeded: 2, cancelled: 3 } });
    expect(() => engine.resume(job.id)).toThrow(`job ${job.id} is cancelled`);
    const audit = store.audit.list().map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['job.created', 'job.paused', 'job.cancelled', 'job:set']));
  });

  it('cancel ends queued steps at once; steps in flight finish with their real outcome before the job is cancelled', async () => {
    const { agents, engine, create, store, ids, events } = await setup(5, { canary: 0, concurrency: 2, retries: 3, failureThreshold: 100 });
    agents.holdAll = true;
    agents.fail(ids[1]!, 'set', transportError());
    const job = create();
    await settle();
    expect(agents.heldCount).toBe(2);
    expect(engine.cancel(job.id)).toMatchObject({ state: 'cancelling', finishedAt: null, counts: { running: 2, cancelled: 3 } });
    let settled: string | null = null;
    void engine.whenSettled(job.id).then((s) => (settled = s.state));
    expect(engine.cancel(job.id).state).toBe('cancelling');
    expect(() => engine.resume(job.id)).toThrow(`job ${job.id} is cancelling, not paused`);
    expect(() => engine.pause(job.id)).toThrow(`job ${job.id} is cancelling`);
    await settle();
    expect(settled).toBeNull();
    // Both Gets answer, so both Sets go out: the second agent's transport failure is its outcome
    // (a cancelled job retries nothing); the first agent's Set is still in flight.
    await agents.release();
    expect(settled).toBeNull();
    expect(engine.get(job.id)).toMatchObject({ state: 'cancelling', counts: { running: 1, failed: 1 } });
    await agents.release();
    expect(settled).toBe('cancelled');
    expect(engine.get(job.id)).toMatchObject({ state: 'cancelled', finishedAt: expect.any(Number), counts: { succeeded: 1, failed: 1, cancelled: 3 } });
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'succeeded', after: { [CH]: '11' } });
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'failed', errorCode: 'transport', attempts: 1 });
    expect(agents.callsOf('set')).toEqual([ids[0], ids[1]]);
    expect(events.at(-1)!.job).toMatchObject({ state: 'cancelled', counts: { running: 0 } });
    expect(store.audit.list().filter((a) => a.action === 'job.cancelled')).toHaveLength(1);
  });

  it('a job cancelled with nothing in flight is cancelled at once', async () => {
    const { agents, engine, create } = await setup(3, { canary: 0 });
    agents.offline.add('a000');
    const job = create();
    await settle();
    expect(engine.get(job.id).counts['waiting-offline']).toBe(1);
    expect(engine.cancel(job.id)).toMatchObject({ state: 'cancelled', finishedAt: expect.any(Number), counts: { succeeded: 2, cancelled: 1 } });
    await expect(engine.whenSettled(job.id)).resolves.toMatchObject({ state: 'cancelled' });
  });

  it('after a restart, a cancelling job settles its step that reached the agent and cancels the one that had not', async () => {
    const { agents, create, engine, store, ids, clock } = await setup(3, { canary: 0, concurrency: 2 }, { kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'lab-{serial}' } });
    agents.fail(ids[0]!, 'add', 'apply-then-hold');
    agents.fail(ids[1]!, 'instances', 'hold');
    const job = create();
    await settle();
    engine.cancel(job.id);
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'running', phase: 'sent' });
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'running', phase: 'idle' });
    const restarted = new JobEngine({ store, port: agents, clock });
    restarted.start();
    await settle();
    expect(restarted.get(job.id)).toMatchObject({ state: 'cancelled', counts: { succeeded: 1, cancelled: 2 } });
    expect(agents.callsOf('add')).toEqual([ids[0]]);
  });

  it('after a restart, an Add that reached the agent is found by its unique key and not sent again', async () => {
    const { agents, create, store, ids, clock } = await setup(2, { canary: 0 }, { kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'lab-{serial}', Enable: true } });
    // The first agent applies the Add but the answer never comes (the console is killed).
    agents.fail(ids[0]!, 'add', 'apply-then-hold');
    const job = create();
    await settle();
    expect(store.jobs.step(job.id, ids[0]!)).toMatchObject({ state: 'running', phase: 'sent' });
    const restarted = new JobEngine({ store, port: agents, clock });
    restarted.start();
    await settle();
    expect(restarted.get(job.id)).toMatchObject({ state: 'succeeded', counts: { succeeded: 2 } });
    expect(agents.rows.get(ids[0]!)).toEqual([{ path: 'Device.LocalAgent.Subscription.1.', uniqueKeys: { ID: `lab-SN-${ids[0]}`, Enable: 'true' } }]);
    expect(agents.callsOf('add')).toEqual([ids[0], ids[1]]);
    expect(store.jobs.step(job.id, ids[0]!)!.after).toEqual({ 'Device.LocalAgent.Subscription.1.': 'created' });
  });

  it('an Add whose unique key already exists (not ours) fails without sending', async () => {
    const { agents, engine, create, ids } = await setup(1, { canary: 0 }, { kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'x' } });
    agents.rows.get(ids[0]!)!.push({ path: 'Device.LocalAgent.Subscription.4.', uniqueKeys: { ID: 'x' } });
    const job = create();
    await settle();
    expect(engine.get(job.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'unique-key-exists' });
    expect(agents.callsOf('add')).toEqual([]);
  });

  it('waits for startAt and batches progress events', async () => {
    const { engine, create, clock, events } = await setup(3, { canary: 0, startAt: new Date(1_000_000 + 5000).toISOString() });
    const job = create();
    await settle();
    expect(engine.get(job.id).state).toBe('scheduled');
    await clock.advance(5000);
    expect(engine.get(job.id).state).toBe('succeeded');
    expect(events.length).toBeLessThanOrEqual(2);
    expect(events.at(-1)!.job).toMatchObject({ state: 'succeeded', counts: { succeeded: 3 } });
    expect(events.flatMap((e) => e.steps).filter((s) => s.state === 'succeeded')).toHaveLength(3);
  });
});

describe('job engine: the other operations', () => {
  it('subscribe adds a Subscription once per agent (checked by ID); unsubscribe deletes it; a second unsubscribe is a skip', async () => {
    const { agents, engine, store, ids } = await setup(2, { canary: 0 });
    const file = (operation: JobFileInput['operation']) => jobFileSchema.parse({ name: 'sub', targets: { agents: ids }, operation, options: { canary: 0 } });
    const sub = engine.create(file({ kind: 'subscribe', id: 'lab', notifType: 'ValueChange', paths: ['Device.WiFi.SSID.*.SSID'] }), ids.map((endpointId) => ({ endpointId, expected: null })));
    await settle();
    expect(engine.get(sub.id).state).toBe('succeeded');
    expect(agents.rows.get(ids[0]!)).toEqual([
      { path: 'Device.LocalAgent.Subscription.1.', uniqueKeys: { ID: 'lab', NotifType: 'ValueChange', ReferenceList: 'Device.WiFi.SSID.*.SSID', Enable: 'true' } },
    ]);
    const unsub = () => engine.create(file({ kind: 'unsubscribe', id: 'lab' }), ids.map((endpointId) => ({ endpointId, expected: null })));
    const first = unsub();
    await settle();
    expect(engine.get(first.id).counts.succeeded).toBe(2);
    expect(agents.rows.get(ids[0]!)).toEqual([]);
    const second = unsub();
    await settle();
    expect(engine.get(second.id).counts.skipped).toBe(2);
    expect(store.jobs.step(second.id, ids[0]!)).toMatchObject({ state: 'skipped', attempts: 1 });
  });

  it('operate passes placeholders in arguments; get keeps the values as the step result', async () => {
    const { agents, engine, ids } = await setup(1, { canary: 0 });
    const op = engine.create(jobFileSchema.parse({ name: 'op', targets: { agents: ids }, operation: { kind: 'operate', command: 'Device.Reboot()', args: { Cause: 'job {serial}' } } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(op.id).steps[0]).toMatchObject({ state: 'succeeded', phase: 'sent', after: {} });
    expect(agents.callsOf('operate')).toEqual(ids);
    const get = engine.create(jobFileSchema.parse({ name: 'get', targets: { agents: ids }, operation: { kind: 'get', paths: [CH] } }), [{ endpointId: ids[0]!, expected: null }]);
    await settle();
    expect(engine.get(get.id).steps[0]).toMatchObject({ state: 'succeeded', after: { [CH]: '6' } });
  });

  it('reads a placeholder the console has no value for yet from the agent, and fails the step only when the agent has none', async () => {
    const { agents, create, store, ids } = await setup(2, { canary: 0 }, { kind: 'set', params: { [CH]: 'ch-{serial}' } }, () => ({ serial: null }));
    agents.values.get(ids[0]!)!['Device.DeviceInfo.SerialNumber'] = 'LIVE-1';
    const job = create();
    await settle();
    expect(agents.values.get(ids[0]!)![CH]).toBe('ch-LIVE-1');
    expect(store.jobs.step(job.id, ids[1]!)).toMatchObject({ state: 'failed', errorCode: 'placeholder', errorMessage: 'placeholder {serial} has no value for this agent' });
  });
});
