import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotProgress } from '../../../../src/shared/model/snapshot';
import { SnapshotService } from '../../../../src/main/services/snapshots/snapshot-service';
import { captureSnapshot } from '../../../../src/main/services/snapshots/capture';
import { Store } from '../../../../src/main/store/store';
import { StoreError } from '../../../../src/main/store/store-error';
import { tempDir } from '../../../helpers/temp-dir';
import { syntheticSnapshot } from '../../../helpers/synthetic-snapshot';
import { DataReader } from '../../store/fixtures/data-reader';
import { GATEWAY_EID, gatewaySnapshot } from '../../store/fixtures/gateway-snapshot';

let store: Store;
let service: SnapshotService;

beforeEach(async () => {
  store = Store.open(await tempDir(), { appVersion: '0.1.0-test' });
  service = new SnapshotService(store);
});
afterEach(() => store.close());

describe('captureSnapshot', () => {
  it('reads schema, instances and every value in bounded Gets, reporting progress', async () => {
    const { data } = gatewaySnapshot();
    const reader = new DataReader(data);
    const events: SnapshotProgress[] = [];
    const { data: captured, failures } = await captureSnapshot(reader, GATEWAY_EID, {
      appVersion: 't',
      chunkParams: 40,
      agent: { uspVersions: ['1.3'] },
      onProgress: (p) => events.push(p),
      now: () => 42,
    });
    expect(failures).toEqual([]);
    expect(captured.values).toEqual(data.values);
    expect(captured.instances.map((i) => i.path).sort()).toEqual(data.instances.map((i) => i.path).sort());
    expect(captured.agent).toMatchObject({ endpointId: GATEWAY_EID, modelName: 'HGW-5400AX', serialNumber: 'ACM5400A1B2C3D4', oui: '0C1A2B', uspVersions: ['1.3'] });
    expect(captured.capturedAt).toBe(42);
    expect(reader.gets.length).toBeGreaterThan(5);
    expect(reader.gets.some((g) => g.maxDepth === 1)).toBe(true);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['supportedDM', 'instances', 'values']));
    const valueEvents = events.filter((e) => e.phase === 'values');
    expect(valueEvents.at(-1)).toEqual({ phase: 'values', done: reader.gets.length, total: reader.gets.length });
  });

  it('splits a large table into Gets of bounded size', async () => {
    const data = syntheticSnapshot(6_000);
    const reader = new DataReader(data);
    const { data: captured } = await captureSnapshot(reader, 'proto::big', { appVersion: 't', chunkParams: 500 });
    expect(captured.values).toEqual(data.values);
    const sizes = await Promise.all(reader.gets.map(async (g) => (await new DataReader(data).get(g.paths, g.maxDepth)).flatMap((r) => r.resolved.flatMap((x) => Object.keys(x.params))).length));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(reader.gets.length).toBeGreaterThanOrEqual(12);
    expect(reader.gets.length).toBeLessThanOrEqual(14);
  });

  it('reports paths the agent refused and still captures the rest', async () => {
    const { data } = gatewaySnapshot();
    const reader = new DataReader(data);
    const get = reader.get.bind(reader);
    reader.get = async (paths, maxDepth) => (await get(paths, maxDepth)).map((r) => (r.requestedPath.startsWith('Device.Users.') ? { ...r, errCode: 7006, resolved: [] } : r));
    const { data: captured, failures } = await captureSnapshot(reader, GATEWAY_EID, { appVersion: 't', chunkParams: 40 });
    expect(failures.map((f) => f.errCode)).toContain(7006);
    expect(captured.values.some((v) => v.path.startsWith('Device.Users.'))).toBe(false);
    expect(captured.values.some((v) => v.path.startsWith('Device.WiFi.'))).toBe(true);
  });
});

describe('SnapshotService', () => {
  it('captures and stores a snapshot; lists, labels and deletes it', async () => {
    const { data } = gatewaySnapshot();
    const events: SnapshotProgress[] = [];
    const { meta } = await service.capture(new DataReader(data), GATEWAY_EID, { label: 'before firmware', onProgress: (p) => events.push(p) });
    expect(meta).toMatchObject({ label: 'before firmware', paramCount: data.values.length, instanceCount: data.instances.length, objectCount: data.schema.length });
    expect(meta.appVersion).toBe('0.1.0-test');
    expect(events.at(-1)).toEqual({ phase: 'persist', done: data.schema.length + data.instances.length + data.values.length, total: data.schema.length + data.instances.length + data.values.length });
    expect(service.list(GATEWAY_EID).map((s) => s.id)).toEqual([meta.id]);
    const loaded = service.load(meta.id);
    expect(loaded.values).toEqual(data.values);
    expect(loaded.schema).toEqual(data.schema);
    service.setLabel(meta.id, 'renamed');
    expect(service.get(meta.id).label).toBe('renamed');
    expect(service.delete(meta.id)).toBe(true);
    expect(service.list()).toEqual([]);
    expect(() => service.get(meta.id)).toThrow(StoreError);
    expect(store.db.prepare('SELECT count(*) AS n FROM snapshot_value').get()).toEqual({ n: 0 });
  });

  it('snapshots an agent from the cache', () => {
    store.recordGetResult(
      'proto::a',
      [{ requestedPath: 'Device.', errCode: 0, resolved: [{ resolvedPath: 'Device.DeviceInfo.', params: { ModelName: 'M1', SerialNumber: 'S' } }, { resolvedPath: 'Device.WiFi.SSID.1.', params: { SSID: 'x' } }] }],
      5,
    );
    const data = service.fromCache('proto::a');
    expect(data.agent).toMatchObject({ modelName: 'M1', serialNumber: 'S' });
    expect(data).toMatchObject({ source: 'cache', capturedAt: 5 });
    expect(data.values.map((v) => v.path)).toEqual(['Device.DeviceInfo.ModelName', 'Device.DeviceInfo.SerialNumber', 'Device.WiFi.SSID.1.SSID']);
    expect(data.instances.map((i) => i.path)).toEqual(['Device.WiFi.SSID.1.']);
    expect(() => service.fromCache('proto::unknown')).toThrow(/no cached data/);
  });

  it('leaves a snapshot another process is writing alone, and purges one whose writer died', () => {
    const data = syntheticSnapshot(100);
    const id = store.snapshots.begin(data);
    store.snapshots.addValues(id, data.values);
    const count = (s: Store): number => (s.db.prepare('SELECT count(*) AS n FROM snapshot').get() as { n: number }).n;
    const other = Store.openFile(store.file, { appVersion: 'cli' });
    expect(count(other)).toBe(1);
    expect(other.snapshots.list()).toEqual([]);
    other.close();
    expect(store.snapshots.complete(id).paramCount).toBe(100);

    const stale = store.snapshots.begin(data);
    const later = Store.openFile(store.file, { appVersion: 'cli', now: () => Date.now() + 60 * 60_000 });
    expect(count(later)).toBe(1);
    later.close();
    expect(() => store.snapshots.complete(stale)).toThrow(/deleted while it was being written/);
  });

  it('persists a large snapshot in chunks and only shows it once complete', () => {
    const data = syntheticSnapshot(12_000);
    const seen: number[] = [];
    const meta = service.persist(data, (p) => {
      seen.push(store.snapshots.list().length);
      expect(p.phase).toBe('persist');
    });
    expect(seen.every((n) => n === 0)).toBe(true);
    expect(meta.paramCount).toBe(12_000);
    expect(store.snapshots.list()).toHaveLength(1);
  });
});
