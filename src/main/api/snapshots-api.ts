import { Writable } from 'node:stream';
import type {
  CaptureSnapshotOptions, DiffEntry, DiffOptions, DiffSide, ExportSnapshotOptions, ProgressUpdate, SnapshotDiff, SnapshotExport,
  SnapshotImport, SnapshotSummary,
} from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import type { SnapshotMeta } from '../../shared/model/snapshot';
import type { EventHub } from '../app/event-hub';
import type { UspClient } from '../app/usp-client';
import { diffSnapshots, type DiffInput } from '../services/diff/diff';
import { agentInput, snapshotInput } from '../services/diff/diff-sources';
import { exportSnapshotCsv, exportSnapshotJson } from '../services/snapshots/export-snapshot';
import { parseSnapshotText } from '../services/snapshots/import-snapshot';
import type { SnapshotReader } from '../services/snapshots/snapshot-reader';
import type { SnapshotService } from '../services/snapshots/snapshot-service';
import type { Store } from '../store/store';
import { Tr181Reference } from '../services/tr181/tr181-reference';

const DEFAULT_DIFF_LIMIT = 10_000;

/** Snapshots through the snapshot and diff services, with progress pushed to the UI. */
export class SnapshotsApi {
  private progressCounter = 0;

  constructor(
    private readonly store: Store,
    private readonly snapshots: SnapshotService,
    private readonly usp: UspClient,
    private readonly hub: EventHub,
    private readonly isOnline: (agentId: string) => boolean,
    private readonly reference = new Tr181Reference(),
  ) {}

  listSnapshots(agentId?: string): SnapshotSummary[] {
    return this.snapshots.list(agentId).map(toSummary);
  }

  async captureSnapshot(agentId: string, options: CaptureSnapshotOptions = {}): Promise<SnapshotSummary> {
    const progressId = options.progressId ?? `snapshot-${++this.progressCounter}`;
    const base: Omit<ProgressUpdate, 'done' | 'total' | 'state'> = {
      progressId,
      kind: 'snapshot-capture',
      agentId,
      label: `Capturing a snapshot of ${agentId}`,
    };
    const onProgress = (p: { done: number; total: number }): void => this.hub.push('progress', { ...base, done: p.done, total: p.total, state: 'running' });
    try {
      let meta: SnapshotMeta;
      if (this.isOnline(agentId)) {
        // The USP versions the agent reported go into the file (the CLI does the same).
        const uspVersions = this.store.agents.get(agentId)?.uspVersions ?? [];
        meta = (await this.snapshots.capture(this.reader(agentId), agentId, { ...(options.name ? { label: options.name } : {}), agent: { uspVersions }, onProgress })).meta;
      } else {
        if (this.store.agents.idOf(agentId) === undefined) throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId} is known.` });
        meta = this.snapshots.persist(this.snapshots.fromCache(agentId, options.name), onProgress);
      }
      this.hub.push('progress', { ...base, done: 1, total: 1, state: 'done' });
      return { ...toSummary(meta), origin: this.isOnline(agentId) ? 'live' : 'cache', note: options.note ?? null };
    } catch (err) {
      this.hub.push('progress', { ...base, done: 0, total: null, state: 'failed', error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }

  async exportSnapshot(snapshotId: string, options: ExportSnapshotOptions = {}): Promise<SnapshotExport> {
    const id = parseId(snapshotId);
    const meta = this.snapshots.get(id);
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        callback();
      },
    });
    const exportOptions = { redact: options.redactSecrets ?? true, generator: `usp-console ${this.store.appVersion}` };
    const csv = options.format === 'csv';
    await (csv ? exportSnapshotCsv : exportSnapshotJson)(this.store, id, sink, exportOptions);
    const safeName = `${meta.agent.endpointId}-${meta.label}`.replace(/[^A-Za-z0-9._-]+/g, '_');
    return csv
      ? { fileName: `${safeName}.csv`, mimeType: 'text/csv', content: chunks.join('') }
      : { fileName: `${safeName}.usp-snapshot.json`, mimeType: 'application/json', content: chunks.join('') };
  }

  importSnapshot(file: SnapshotImport): SnapshotSummary {
    let data;
    try {
      data = parseSnapshotText(file.content, file.fileName);
    } catch (err) {
      throw new ConsoleApiError({ code: 'invalid-argument', message: err instanceof Error ? err.message : String(err) });
    }
    return toSummary(this.snapshots.persist(data));
  }

  deleteSnapshot(snapshotId: string): void {
    if (!this.snapshots.delete(parseId(snapshotId))) throw new ConsoleApiError({ code: 'not-found', message: `No snapshot ${snapshotId}.` });
  }

  async diff(left: DiffSide, right: DiffSide, options: DiffOptions = {}): Promise<SnapshotDiff> {
    const l = await this.input(left);
    const r = await this.input(right);
    const result = diffSnapshots(l, r, {
      ignore: options.ignorePrefixes ?? [],
      ...(options.ignoreVolatile ? { ignoreSchemaPath: (p: string) => this.reference.isVolatile(p) } : {}),
    });
    const prefix = options.pathPrefix ?? '';
    const entries: DiffEntry[] = [
      ...result.values.added.map((v) => ({ path: v.path, change: 'added' as const, right: v.value })),
      ...result.values.removed.map((v) => ({ path: v.path, change: 'removed' as const, left: v.value })),
      ...result.values.changed.map((v) => ({ path: v.path, change: 'changed' as const, left: v.left, right: v.right })),
    ]
      .filter((e) => e.path.startsWith(prefix))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const limit = options.limit ?? DEFAULT_DIFF_LIMIT;
    const rightPaths = new Set(r.data.values.map((v) => v.path));
    const bothSides = l.data.values.reduce((n, v) => n + (rightPaths.has(v.path) ? 1 : 0), 0);
    return {
      leftLabel: result.left.label,
      rightLabel: result.right.label,
      entries: entries.slice(0, limit),
      counts: {
        added: result.values.added.length,
        removed: result.values.removed.length,
        changed: result.values.changed.length,
        unchanged: Math.max(0, bothSides - result.values.changed.length - result.skippedIgnored - result.skippedRedacted),
        ignored: result.skippedIgnored,
      },
      truncated: entries.length > limit,
    };
  }

  private async input(side: DiffSide): Promise<DiffInput> {
    if (side.kind === 'snapshot') return snapshotInput(this.snapshots, parseId(side.snapshotId));
    const live = side.live === true && this.isOnline(side.agentId);
    if (live) await this.usp.get(side.agentId, ['Device.']);
    const input = agentInput(this.snapshots, side.agentId);
    // Say which it was: a live read, or the cache (asked for, or the agent was offline).
    return { ...input, side: { ...input.side, label: `${side.agentId} (${live ? 'live' : 'cached values'})` } };
  }

  /** The capture service reads through UspClient, so what a capture learns also refreshes the cache. */
  private reader(agentId: string): SnapshotReader {
    return {
      getSupportedDM: async () => this.usp.getSupportedDM(agentId),
      getInstances: async (paths) => {
        const result = await this.usp.getInstances(agentId, paths, false);
        return result.requestedPaths.map((r) => ({ requestedPath: r.requestedPath, errCode: r.errCode, instances: r.instances }));
      },
      get: async (paths, maxDepth) => {
        const result = await this.usp.get(agentId, paths, maxDepth ? { maxDepth } : {});
        return result.requestedPaths.map((r) => ({
          requestedPath: r.requestedPath,
          errCode: r.errCode,
          resolved: r.resolved.map((o) => ({ resolvedPath: o.path, params: o.params })),
        }));
      },
    };
  }
}

function toSummary(meta: SnapshotMeta): SnapshotSummary {
  return {
    id: String(meta.id),
    agentId: meta.agent.endpointId,
    name: meta.label,
    createdAt: meta.capturedAt,
    objectCount: meta.objectCount,
    paramCount: meta.paramCount,
    // A snapshot copied from the cache (agent offline) says so; only a capture is live.
    origin: meta.source === 'capture' ? 'live' : meta.source,
    note: null,
  };
}

function parseId(snapshotId: string): number {
  const id = Number(snapshotId);
  if (!Number.isInteger(id) || id <= 0) throw new ConsoleApiError({ code: 'invalid-argument', message: `Invalid snapshot id "${snapshotId}".` });
  return id;
}
