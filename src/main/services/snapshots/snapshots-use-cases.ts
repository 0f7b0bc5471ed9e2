import { Writable } from 'node:stream';
import type {
  CaptureSnapshotOptions, DiffEntry, DiffOptions, DiffSide, ExportSnapshotOptions, ProgressUpdate, SnapshotDiff, SnapshotExport,
  SnapshotImport, SnapshotSummary,
} from '../../../shared/console-api';
import { ConsoleApiError } from '../../../shared/api/errors';
import type { SnapshotMeta } from '../../../shared/model/snapshot';
import type { EventHub } from '../event-hub';
import type { UspClient } from '../usp-client';
import { diffSnapshots, type DiffInput } from '../diff/diff';
import { agentInput, snapshotInput } from '../diff/diff-sources';
import { Tr181Reference } from '../tr181/tr181-reference';
import { exportSnapshotCsv, exportSnapshotJson } from './export-snapshot';
import { parseSnapshotText } from './import-snapshot';
import { uspSnapshotReader } from './snapshot-reader';
import type { SnapshotService } from './snapshot-service';
import type { Store } from '../../store/store';

const DEFAULT_DIFF_LIMIT = 10_000;

/** Snapshots through the snapshot and diff services, with progress pushed to the UI. */
export class SnapshotUseCases {
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
      const note = options.note === undefined ? {} : { note: options.note };
      let meta: SnapshotMeta;
      // Decided once: the origin reported is the source actually read, even if the agent's
      // presence changes during the capture.
      const live = options.live ?? this.isOnline(agentId);
      if (live && !this.isOnline(agentId)) {
        throw new ConsoleApiError({ code: 'agent-offline', message: `${agentId} is offline: a live capture is not possible (capture from the cache instead).` });
      }
      if (live) {
        // The USP versions the agent reported go into the file (the CLI does the same).
        const uspVersions = this.store.agents.get(agentId)?.uspVersions ?? [];
        meta = (await this.snapshots.capture(uspSnapshotReader(this.usp, agentId), agentId, { ...(options.name ? { label: options.name } : {}), ...note, agent: { uspVersions }, onProgress })).meta;
      } else {
        if (this.store.agents.idOf(agentId) === undefined) throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId} is known.` });
        meta = this.snapshots.persist({ ...this.snapshots.fromCache(agentId, options.name), ...note }, onProgress);
      }
      this.hub.push('progress', { ...base, done: 1, total: 1, state: 'done' });
      return toSummary(meta);
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
    const exportOptions = {
      redact: options.redactSecrets ?? true,
      generator: `usp-console ${this.store.appVersion}`,
      securedByReference: (path: string) => this.reference.isSecured(path),
    };
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
      // Secrets are compared but never leave the backend in clear (the rule of a redacted export).
      redact: true,
      securedByReference: (path: string) => this.reference.isSecured(path),
    });
    const secret = (v: { redacted?: true }) => (v.redacted ? { redacted: true as const } : {});
    const prefix = options.pathPrefix ?? '';
    const entries: DiffEntry[] = [
      ...result.values.added.map((v) => ({ path: v.path, change: 'added' as const, right: v.value, ...secret(v) })),
      ...result.values.removed.map((v) => ({ path: v.path, change: 'removed' as const, left: v.value, ...secret(v) })),
      ...result.values.changed.map((v) => ({ path: v.path, change: 'changed' as const, left: v.left, right: v.right, ...secret(v) })),
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
}

const ORIGIN: Record<SnapshotMeta['source'], SnapshotSummary['origin']> = { capture: 'live', cache: 'cache', import: 'import' };

function toSummary(meta: SnapshotMeta): SnapshotSummary {
  return {
    id: String(meta.id),
    agentId: meta.agent.endpointId,
    name: meta.label,
    createdAt: meta.capturedAt,
    objectCount: meta.objectCount,
    paramCount: meta.paramCount,
    origin: ORIGIN[meta.source],
    note: meta.note,
  };
}

function parseId(snapshotId: string): number {
  const id = Number(snapshotId);
  if (!Number.isInteger(id) || id <= 0) throw new ConsoleApiError({ code: 'invalid-argument', message: `Invalid snapshot id "${snapshotId}".` });
  return id;
}
