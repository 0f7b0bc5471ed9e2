import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { SupportedObject } from '../../../shared/model/schema';
import type { SnapshotProgress } from '../../../shared/model/snapshot';
import type { Store } from '../../store/store';
import { schemaPathMapper } from '../../store/path-utils';
import { csvRow } from './csv';
import { Tr181Reference } from '../tr181/tr181-reference';
import { Redactor, type SecuredByReference, type SecuredBySchema } from './redaction';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type SnapshotFile } from './snapshot-file-schema';
import { TextSink } from './text-sink';

export type ExportFormat = 'json' | 'csv';

export interface ExportOptions {
  /** Withhold secrets (default true); false must be an explicit user choice (`--no-redact`). */
  redact?: boolean;
  /** Written into the file's `generator` field, e.g. `usp-console 0.1.0`. */
  generator?: string;
  now?: () => number;
  onProgress?: (p: SnapshotProgress) => void;
  /** Which schema paths a reference model flags secured; default the built-in TR-181 reference. */
  securedByReference?: SecuredByReference;
}

let builtinReference: Tr181Reference | undefined;

/**
 * The redactor of one export (or diff, see services/diff; or a job's agent, see
 * services/jobs/job-secret-paths): the snapshot's (agent's) own flags, the name rule and the
 * reference (default the built-in TR-181 reference).
 */
export function redactorFor(schema: readonly SupportedObject[] | SecuredBySchema, options: { securedByReference?: SecuredByReference }): Redactor {
  const reference = options.securedByReference ?? ((path: string) => (builtinReference ??= new Tr181Reference()).isSecured(path));
  return new Redactor(schema, reference);
}

export interface ExportSummary {
  values: number;
  redacted: number;
}

const PROGRESS_EVERY = 5000;

/** Streams a stored snapshot as the portable JSON format (docs/snapshot-format.md). */
export async function exportSnapshotJson(store: Store, id: number, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const meta = store.snapshots.require(id);
  const schema = store.snapshots.schema(id);
  const redact = options.redact ?? true;
  const redactor = redactorFor(schema, options);
  const sink = new TextSink(out);
  const header: Omit<SnapshotFile, 'schema' | 'instances' | 'values'> = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_FORMAT_VERSION,
    generator: options.generator ?? `usp-console ${store.appVersion}`,
    exportedAt: new Date((options.now ?? Date.now)()).toISOString(),
    redacted: redact || meta.hasRedactedValues,
    snapshot: {
      label: meta.label,
      capturedAt: new Date(meta.capturedAt).toISOString(),
      source: meta.source,
      appVersion: meta.appVersion,
      agent: meta.agent,
    },
    counts: { objects: schema.length, instances: meta.instanceCount, values: meta.paramCount },
  };
  const head = JSON.stringify(header, null, 1);
  await sink.write(head.slice(0, -2) + ',\n"schema": [');
  for (const [n, o] of schema.entries()) await sink.write(`${n ? ',' : ''}\n${JSON.stringify(o)}`);
  await sink.write('\n],\n"instances": [');
  let first = true;
  for (const i of store.snapshots.iterateInstances(id)) {
    await sink.write(`${first ? '' : ','}\n${JSON.stringify(i)}`);
    first = false;
  }
  await sink.write('\n],\n"values": [');
  const summary = { values: 0, redacted: 0 };
  for (const v of store.snapshots.iterateValues(id)) {
    const hide = v.redacted || (redact && redactor.isSecret(v.path));
    if (hide) summary.redacted += 1;
    const row = hide ? { path: v.path, value: '', redacted: true } : { path: v.path, value: v.value };
    await sink.write(`${summary.values ? ',' : ''}\n${JSON.stringify(row)}`);
    summary.values += 1;
    if (summary.values % PROGRESS_EVERY === 0) options.onProgress?.({ phase: 'export', done: summary.values, total: meta.paramCount });
  }
  await sink.write('\n]\n}\n');
  await sink.end();
  options.onProgress?.({ phase: 'export', done: summary.values, total: meta.paramCount });
  return summary;
}

export const CSV_HEADER = ['path', 'value', 'type', 'redacted'];

/** Streams a stored snapshot as CSV: one parameter per row, RFC 4180 quoting, CRLF line ends. */
export async function exportSnapshotCsv(store: Store, id: number, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const meta = store.snapshots.require(id);
  const schema = store.snapshots.schema(id);
  const redact = options.redact ?? true;
  const redactor = redactorFor(schema, options);
  const types = new Map<string, string>();
  for (const o of schema) for (const p of o.params) types.set(o.path + p.name, p.type);
  const toSchemaPath = schemaPathMapper();
  const sink = new TextSink(out);
  await sink.write(csvRow(CSV_HEADER));
  const summary = { values: 0, redacted: 0 };
  for (const v of store.snapshots.iterateValues(id)) {
    const hide = v.redacted || (redact && redactor.isSecret(v.path));
    if (hide) summary.redacted += 1;
    await sink.write(csvRow([v.path, hide ? '' : v.value, types.get(toSchemaPath(v.path)) ?? '', hide ? 'true' : 'false']));
    summary.values += 1;
    if (summary.values % PROGRESS_EVERY === 0) options.onProgress?.({ phase: 'export', done: summary.values, total: meta.paramCount });
  }
  await sink.end();
  options.onProgress?.({ phase: 'export', done: summary.values, total: meta.paramCount });
  return summary;
}

/** Exports to a file via a temporary name, so a failed export never leaves a half-written file behind. */
export async function exportSnapshotToFile(store: Store, id: number, file: string, format: ExportFormat, options: ExportOptions = {}): Promise<ExportSummary> {
  store.snapshots.require(id);
  const partial = `${file}.partial`;
  try {
    const out = createWriteStream(partial);
    const summary = format === 'csv' ? await exportSnapshotCsv(store, id, out, options) : await exportSnapshotJson(store, id, out, options);
    await rename(partial, file);
    return summary;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
