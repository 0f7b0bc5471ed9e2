import { jobFileSchema } from '../../../src/shared/jobs/job-file';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewTrace } from '../../../src/shared/model/events';
import type { SupportedObject } from '../../../src/shared/model/schema';
import { Store } from '../../../src/main/store/store';
import { StoreError } from '../../../src/main/store/store-error';
import { tempDir } from '../../helpers/temp-dir';

const EID = 'os::012345-0C1A2B4E7F10';
let now = 10_000;
let store: Store;

const ssidSchema: SupportedObject = {
  path: 'Device.WiFi.SSID.{i}.',
  access: 'addDelete',
  isMultiInstance: true,
  params: [
    { name: 'Enable', access: 'readWrite', type: 'boolean', valueChange: 'allowed' },
    { name: 'SSID', access: 'readWrite', type: 'string', valueChange: 'allowed' },
  ],
  commands: [{ name: 'Reset()', type: 'sync', inputArgs: [], outputArgs: [] }],
  events: [],
  uniqueKeySets: [['Alias']],
  divergentPaths: [],
};

function getSsids(readAt: number, ssids: Record<number, string>): void {
  store.recordGetResult(
    EID,
    [
      {
        requestedPath: 'Device.WiFi.SSID.',
        errCode: 0,
        resolved: Object.entries(ssids).map(([n, name]) => ({ resolvedPath: `Device.WiFi.SSID.${n}.`, params: { SSID: name, Enable: 'true' } })),
      },
    ],
    readAt,
  );
}

beforeEach(async () => {
  now = 10_000;
  store = Store.open(await tempDir(), { appVersion: 'test', now: () => now });
});
afterEach(() => store.close());

describe('Store cache', () => {
  it('records a GetResp with read times, instances and types, and answers its age', () => {
    store.recordSupportedDM(EID, [ssidSchema], 9_000, { complete: true });
    getSsids(9_500, { 1: 'Acme-7F10', 2: 'Acme-7F10-5G' });
    now = 12_000;
    const values = store.getCachedValues(EID, 'Device.WiFi.SSID.2.');
    expect(values).toEqual([
      { path: 'Device.WiFi.SSID.2.Enable', value: 'true', type: 'boolean', readAt: 9_500, ageMs: 2_500 },
      { path: 'Device.WiFi.SSID.2.SSID', value: 'Acme-7F10-5G', type: 'string', readAt: 9_500, ageMs: 2_500 },
    ]);
    expect(store.getCachedInstances(EID, 'Device.WiFi.SSID.').map((i) => i.path)).toEqual(['Device.WiFi.SSID.1.', 'Device.WiFi.SSID.2.']);
    expect(store.getSupportedDM(EID)).toEqual([ssidSchema]);
  });

  it('a full-depth Get of an object replaces its subtree; 7026 forgets it', () => {
    getSsids(1, { 1: 'a', 2: 'b' });
    getSsids(2, { 1: 'a2' });
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.').map((v) => v.path)).toEqual(['Device.WiFi.SSID.1.Enable', 'Device.WiFi.SSID.1.SSID']);
    store.recordGetResult(EID, [{ requestedPath: 'Device.WiFi.SSID.1.', errCode: 7026, resolved: [] }], 3);
    expect(store.getCachedValues(EID, 'Device.WiFi.')).toEqual([]);
  });

  it('a Get limited by max_depth or on a search path keeps what it did not return', () => {
    getSsids(1, { 1: 'a', 2: 'b' });
    store.recordGetResult(EID, [{ requestedPath: 'Device.WiFi.SSID.', errCode: 0, resolved: [{ resolvedPath: 'Device.WiFi.SSID.1.', params: { SSID: 'c' } }] }], 2, {
      maxDepth: 2,
    });
    store.recordGetResult(EID, [{ requestedPath: 'Device.WiFi.SSID.*.', errCode: 0, resolved: [] }], 3);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.*.SSID').map((v) => v.value)).toEqual(['c', 'b']);
  });

  it('stores dotted pre-1.2 keys under the right instances', () => {
    store.recordGetResult(
      EID,
      [{ requestedPath: 'Device.WiFi.', errCode: 0, resolved: [{ resolvedPath: 'Device.WiFi.', params: { 'SSID.3.Stats.BytesSent': '12' } }] }],
      1,
    );
    expect(store.getCachedInstances(EID, 'Device.WiFi.').map((i) => i.path)).toEqual(['Device.WiFi.SSID.3.']);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.3.Stats.BytesSent')[0]?.value).toBe('12');
  });

  it('GetInstances replaces a table listing and keeps unique keys across Gets', () => {
    store.recordInstances(
      EID,
      [
        {
          requestedPath: 'Device.WiFi.SSID.',
          errCode: 0,
          instances: [
            { path: 'Device.WiFi.SSID.1.', uniqueKeys: { Alias: 'cpe-1' } },
            { path: 'Device.WiFi.SSID.2.', uniqueKeys: { Alias: 'cpe-2' } },
          ],
        },
      ],
      1,
      true,
    );
    getSsids(2, { 1: 'a', 2: 'b' });
    expect(store.getCachedInstances(EID, 'Device.WiFi.SSID.1.')[0]?.uniqueKeys).toEqual({ Alias: 'cpe-1' });
    store.recordInstances(EID, [{ requestedPath: 'Device.WiFi.SSID.', errCode: 0, instances: [{ path: 'Device.WiFi.SSID.2.', uniqueKeys: { Alias: 'cpe-2' } }] }], 3, true);
    expect(store.getCachedInstances(EID, 'Device.WiFi.SSID.').map((i) => i.path)).toEqual(['Device.WiFi.SSID.2.']);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.1.')).toEqual([]);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.[Alias=="cpe-2"].SSID').map((v) => v.value)).toEqual(['b']);
  });

  it('applies ValueChange, ObjectCreation and ObjectDeletion', () => {
    getSsids(1, { 1: 'a' });
    store.applyValueChange(EID, 'Device.WiFi.SSID.1.SSID', 'renamed', 5);
    store.applyObjectCreation(EID, 'Device.WiFi.SSID.4.', { Alias: 'guest' }, 6);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.*.').map((v) => [v.path, v.value, v.readAt])).toEqual([
      ['Device.WiFi.SSID.1.Enable', 'true', 1],
      ['Device.WiFi.SSID.1.SSID', 'renamed', 5],
      ['Device.WiFi.SSID.4.Alias', 'guest', 6],
    ]);
    store.applyObjectDeletion(EID, 'Device.WiFi.SSID.1.', 7);
    expect(store.getCachedInstances(EID, 'Device.WiFi.SSID.').map((i) => i.path)).toEqual(['Device.WiFi.SSID.4.']);
    expect(store.getCachedValues(EID, 'Device.WiFi.SSID.1.SSID')).toEqual([]);
  });

  it('answers reference following from the cache and rejects a malformed search path', () => {
    store.recordGetResult(
      EID,
      [
        {
          requestedPath: 'Device.',
          errCode: 0,
          resolved: [
            { resolvedPath: 'Device.WiFi.AccessPoint.1.', params: { SSIDReference: 'Device.WiFi.SSID.2' } },
            { resolvedPath: 'Device.WiFi.SSID.2.', params: { SSID: 'five' } },
          ],
        },
      ],
      1,
    );
    expect(store.getCachedValues(EID, 'Device.WiFi.AccessPoint.*.SSIDReference+.SSID').map((v) => v.value)).toEqual(['five']);
    expect(() => store.getCachedValues(EID, 'Device.WiFi.SSID.[Alias==')).toThrow(StoreError);
    expect(store.getCachedValues('unknown::agent', 'Device.')).toEqual([]);
  });
});

describe('Store history tables', () => {
  const trace = (over: Partial<NewTrace>): NewTrace => ({
    endpointId: EID,
    direction: 'out',
    at: 100,
    transportId: 'ws-1',
    mtp: 'websocket',
    recordType: 'no_session_context',
    recordVersion: '1.3',
    fromId: 'self::ctl',
    toId: EID,
    msgId: 'm-1',
    msgType: 'GET',
    bytes: new Uint8Array([1, 2, 3]),
    summary: 'Get Device.',
    decodeError: null,
    ...over,
  });

  it('pairs a response with its request for latency and keeps the trace under its limit', async () => {
    store.close();
    store = Store.open(await tempDir(), { appVersion: 'test', traceLimit: 50 });
    store.addTrace(trace({}));
    const respId = store.addTrace(trace({ direction: 'in', at: 142, msgType: 'GET_RESP', fromId: EID, toId: 'self::ctl', summary: 'GetResp' }));
    expect(store.trace.get(respId)).toMatchObject({ latencyMs: 42, bytes: new Uint8Array([1, 2, 3]) });
    for (let i = 0; i < 200; i++) store.addTrace(trace({ msgId: `x-${i}`, at: 200 + i }));
    const count = store.db.prepare('SELECT count(*) AS n FROM trace').get() as { n: number };
    expect(count.n).toBeLessThanOrEqual(55);
    expect(store.trace.query({ msgTypes: ['GET'], limit: 3 }).map((t) => t.msgId)).toEqual(['x-199', 'x-198', 'x-197']);
    expect(store.trace.query({ text: 'GETRESP' })).toEqual([]);
  });

  it('stores notifications, filters them and applies retention', () => {
    for (let i = 0; i < 10; i++) {
      store.addNotification({
        endpointId: i % 2 ? EID : 'other::x',
        receivedAt: i * 1000,
        msgId: `n-${i}`,
        subscriptionId: 'sub',
        sendResp: true,
        kind: i < 5 ? 'ValueChange' : 'Event',
        path: i < 5 ? 'Device.WiFi.SSID.1.SSID' : 'Device.Boot!',
        detail: { i },
      });
    }
    expect(store.notifications.query({ endpointIds: [EID], kinds: ['Event'] }).map((n) => n.detail)).toEqual([{ i: 9 }, { i: 7 }, { i: 5 }]);
    expect(store.notifications.query({ pathPrefix: 'Device.WiFi.', beforeId: 3 })).toHaveLength(2);
    now = 10_000;
    expect(store.pruneNotifications({ maxAgeMs: 6_500 })).toBe(4);
    expect(store.pruneNotifications({ maxCount: 3 })).toBe(3);
    expect(store.notifications.query().map((n) => n.msgId)).toEqual(['n-9', 'n-8', 'n-7']);
  });

  it('applies the notification retention automatically as notifications arrive', async () => {
    store.close();
    store = Store.open(await tempDir(), { appVersion: 'test', notificationRetention: { maxCount: 300 } });
    const burst = Array.from({ length: 2500 }, (_, i) => ({
      endpointId: EID,
      receivedAt: i,
      msgId: `b-${i}`,
      subscriptionId: 's',
      sendResp: false,
      kind: 'ValueChange' as const,
      path: 'Device.X',
      detail: {},
    }));
    store.notifications.addMany(burst);
    const count = (): number => (store.db.prepare('SELECT count(*) AS n FROM notification').get() as { n: number }).n;
    expect(count()).toBeLessThanOrEqual(300 + 1000);
    expect(store.notifications.setRetention({ maxCount: 100 })).toBeGreaterThan(0);
    expect(count()).toBe(100);
    expect(store.notifications.query({ limit: 1 })[0]?.msgId).toBe('b-2499');
  });

  it('tracks async operations to their outcome', () => {
    const id = store.operations.add({ endpointId: EID, command: 'Device.SelfTestDiagnostics()', commandKey: 'k1', inputArgs: {}, startedAt: 1 });
    store.operations.update(id, { status: 'active', requestPath: 'Device.LocalAgent.Request.3.', at: 2 });
    const op = store.operations.findByKey(EID, 'k1')!;
    store.operations.update(op.id, { status: 'success', outputArgs: { Status: 'Complete' }, at: 9 });
    expect(store.operations.get(id)).toMatchObject({ status: 'success', requestPath: 'Device.LocalAgent.Request.3.', outputArgs: { Status: 'Complete' }, completedAt: 9 });
  });

  it('keeps agents, presence history, settings, profiles, audit entries and jobs', () => {
    store.upsertAgent(EID, { tags: ['lab'], addresses: [{ transportId: 'ws-1', kind: 'websocket', target: 'c-1' }], seenAt: 5 });
    store.recordPresence({ endpointId: EID, at: 6, presence: 'online', reason: 'WebSocket connect' });
    store.recordPresence({ endpointId: EID, at: 8, presence: 'offline', reason: 'ping timeout' });
    expect(store.agents.get(EID)).toMatchObject({ presence: 'offline', presenceReason: 'ping timeout', lastSeen: 8, tags: ['lab'] });
    expect(store.agents.presenceHistory(EID, 1)).toEqual([{ endpointId: EID, at: 8, presence: 'offline', reason: 'ping timeout' }]);

    store.settings.set('trace.limit', 5000, 1);
    expect(store.settings.get('trace.limit', 0)).toBe(5000);
    store.settings.saveProfile({ kind: 'mqtt-broker', id: 'p1', name: 'lab', url: 'mqtt://localhost', protocolVersion: 5, clientId: 'c', username: null, password: null, controllerTopic: 'usp/controller' }, 1);
    expect(store.settings.profiles()).toHaveLength(1);
    expect(store.settings.removeProfile('p1')).toBe(true);

    store.addAudit({ at: 3, endpointId: EID, action: 'set', path: 'Device.WiFi.SSID.1.SSID', oldValue: 'a', newValue: 'b', result: 'failure', detail: '7012' });
    expect(store.audit.list({ endpointId: EID })[0]).toMatchObject({ result: 'failure', detail: '7012' });

    const file = jobFileSchema.parse({ name: 'x', targets: { agents: [EID] }, operation: { kind: 'set', params: { 'Device.X': '1' } } });
    const job = store.jobs.create({ id: 'j1', file, state: 'running', parentId: null, steps: [{ endpointId: EID, expected: { 'Device.X': '0' } }] }, 1);
    const step = store.jobs.steps('j1')[0]!;
    store.jobs.saveStep({ ...step, state: 'failed', attempts: 1, errorCode: '7004', before: { 'Device.X': '0' } });
    store.jobs.saveJob({ ...job, state: 'paused', pauseReason: 'failure threshold' }, 2);
    expect(store.jobs.list()[0]).toMatchObject({ state: 'paused', pauseReason: 'failure threshold', kind: 'set', file });
    expect(store.jobs.step('j1', EID)).toMatchObject({ state: 'failed', errorCode: '7004', expected: { 'Device.X': '0' }, before: { 'Device.X': '0' } });
    expect(store.jobs.summary(store.jobs.get('j1')!)).toMatchObject({ total: 1, counts: { failed: 1, queued: 0 } });
    expect(store.jobs.unfinished().map((j) => j.id)).toEqual(['j1']);

    expect(store.agents.delete(EID)).toBe(true);
    expect(store.agents.get(EID)).toBeUndefined();
    expect(store.agents.presenceHistory(EID)).toEqual([]);
  });
});

describe('Store file', () => {
  it('lives in the data folder', async () => {
    const dir = await tempDir();
    const s = Store.open(dir, { appVersion: 'test' });
    expect(s.file).toBe(join(dir, 'usp-console.db'));
    s.close();
  });
});
