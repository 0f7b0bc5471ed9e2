import type { SnapshotData, SnapshotMeta, SnapshotProgress, SnapshotValue } from '../../../shared/model/snapshot';
import type { Store } from '../../store/store';
import { StoreError } from '../../store/store-error';
import { DEVICE_INFO, identityFields } from '../device-info';
import { captureSnapshot, type CaptureFailure, type CaptureOptions } from './capture';
import type { SnapshotReader } from './snapshot-reader';

const PERSIST_CHUNK = 5000;

/** Capture, store, list, label and delete snapshots. */
export class SnapshotService {
  constructor(private readonly store: Store) {}

  /** Captures an agent through `reader` and stores the result; nothing is stored if reading fails. */
  async capture(
    reader: SnapshotReader,
    endpointId: string,
    options: Omit<CaptureOptions, 'appVersion'> & { appVersion?: string; note?: string },
  ): Promise<{ meta: SnapshotMeta; failures: CaptureFailure[] }> {
    const { data, failures } = await captureSnapshot(reader, endpointId, { ...options, appVersion: options.appVersion ?? this.store.appVersion });
    return { meta: this.persist(options.note === undefined ? data : { ...data, note: options.note }, options.onProgress), failures };
  }

  /**
   * Writes a snapshot in chunked transactions and makes it visible in the last one: a process
   * killed half-way leaves an invisible partial row that the next open purges.
   */
  persist(data: SnapshotData, onProgress?: (p: SnapshotProgress) => void): SnapshotMeta {
    const repo = this.store.snapshots;
    const total = data.schema.length + data.instances.length + data.values.length;
    let done = 0;
    const step = (n: number): void => {
      done += n;
      onProgress?.({ phase: 'persist', done, total });
    };
    onProgress?.({ phase: 'persist', done: 0, total });
    const id = repo.begin(data);
    try {
      repo.addObjects(id, data.schema);
      step(data.schema.length);
      for (let i = 0; i < data.instances.length; i += PERSIST_CHUNK) {
        const slice = data.instances.slice(i, i + PERSIST_CHUNK);
        repo.addInstances(id, slice);
        step(slice.length);
      }
      for (let i = 0; i < data.values.length; i += PERSIST_CHUNK) {
        const slice = data.values.slice(i, i + PERSIST_CHUNK);
        repo.addValues(id, slice);
        step(slice.length);
      }
      return repo.complete(id);
    } catch (err) {
      repo.delete(id);
      throw err;
    }
  }

  /** A snapshot of what the cache holds for an agent (for offline agents and agent-vs-agent diffs). */
  fromCache(endpointId: string, label?: string): SnapshotData {
    const agentId = this.store.agents.idOf(endpointId);
    if (agentId === undefined) throw new StoreError(`no cached data for agent ${endpointId}`, 'not-found');
    const agent = this.store.agents.get(endpointId)!;
    const values: SnapshotValue[] = [];
    for (const v of this.store.cache.iterateValues(agentId)) values.push({ path: v.path, value: v.value });
    return {
      label: label ?? `${endpointId} (cache)`,
      agent: {
        endpointId,
        ...identityFields((param) => this.store.cache.value(agentId, DEVICE_INFO + param)?.value, (field) => agent[field]),
        uspVersions: agent.uspVersions,
      },
      capturedAt: this.store.cache.latestReadAt(agentId) ?? agent.lastSeen,
      source: 'cache',
      appVersion: this.store.appVersion,
      schema: this.store.schema.objects(agentId),
      instances: this.store.cache.instancesUnder(agentId, 'Device.').map((i) => ({ path: i.path, uniqueKeys: i.uniqueKeys })),
      values,
    };
  }

  /** A stored snapshot, whole, in memory. */
  load(id: number): SnapshotData {
    const meta = this.store.snapshots.require(id);
    return {
      label: meta.label,
      agent: meta.agent,
      capturedAt: meta.capturedAt,
      source: meta.source,
      appVersion: meta.appVersion,
      schema: this.store.snapshots.schema(id),
      instances: [...this.store.snapshots.iterateInstances(id)],
      values: [...this.store.snapshots.iterateValues(id)],
    };
  }

  list(endpointId?: string): SnapshotMeta[] {
    return this.store.snapshots.list(endpointId);
  }

  get(id: number): SnapshotMeta {
    return this.store.snapshots.require(id);
  }

  setLabel(id: number, label: string): void {
    this.store.snapshots.setLabel(id, label);
  }

  delete(id: number): boolean {
    return this.store.snapshots.delete(id);
  }
}
