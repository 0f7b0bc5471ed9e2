import { open, stat } from 'node:fs/promises';
import type { SnapshotData, SnapshotMeta } from '../../../shared/model/snapshot';
import type { Store } from '../../store/store';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, snapshotFileSchema, type SnapshotFile } from './snapshot-file-schema';

/** A snapshot file we refuse: why, in words a user can act on. */
export class SnapshotFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SnapshotFileError';
  }
}

export interface ReadSnapshotOptions {
  /** Files above this size are refused before reading; default 256 MiB (about 2.5M parameters). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const SEGMENT = '(?:[A-Za-z_][A-Za-z0-9_-]*|\\d+)';
const PARAM_PATH = new RegExp(`^Device(?:\\.${SEGMENT})*\\.[A-Za-z_][A-Za-z0-9_-]*$`);
const INSTANCE_PATH = new RegExp(`^Device(?:\\.${SEGMENT})*\\.\\d+\\.$`);
const SCHEMA_PATH = /^Device\.(?:(?:[A-Za-z_][A-Za-z0-9_-]*|\{i\})\.)*$/;

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const shown = error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  const more = error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '';
  return shown.join('; ') + more;
}

function checkConsistency(doc: SnapshotFile, file: string): void {
  const mismatch = (what: string, said: number, found: number): never => {
    throw new SnapshotFileError(`counts.${what} says ${said} but the file holds ${found} (truncated or edited file)`, file);
  };
  if (doc.counts.objects !== doc.schema.length) mismatch('objects', doc.counts.objects, doc.schema.length);
  if (doc.counts.instances !== doc.instances.length) mismatch('instances', doc.counts.instances, doc.instances.length);
  if (doc.counts.values !== doc.values.length) mismatch('values', doc.counts.values, doc.values.length);
  const check = (list: { path: string }[], pattern: RegExp, what: string): void => {
    const seen = new Set<string>();
    for (const [n, item] of list.entries()) {
      if (!pattern.test(item.path)) throw new SnapshotFileError(`${what}[${n}].path "${item.path.slice(0, 200)}" is not a valid ${what.replace(/s$/, '')} path`, file);
      if (seen.has(item.path)) throw new SnapshotFileError(`${what}[${n}].path "${item.path.slice(0, 200)}" appears twice`, file);
      seen.add(item.path);
    }
  };
  check(doc.schema, SCHEMA_PATH, 'schema');
  check(doc.instances, INSTANCE_PATH, 'instances');
  check(doc.values, PARAM_PATH, 'values');
}

class ProtoKeyError extends Error {}

/** Only a text naming __proto__ (or holding \u escapes, which could spell it) pays for the reviver. */
function mayHoldProtoKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

/**
 * A "__proto__" key would be dropped or turned into a prototype by the object handling after
 * JSON.parse; the file is refused with a message instead of being imported without it (issue 9 #9).
 */
function refuseProtoKey(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') throw new ProtoKeyError('the file holds a "__proto__" key, which is not allowed in a snapshot file');
  return value;
}

/** Validates the text of a snapshot file completely; throws SnapshotFileError with the reason. */
export function parseSnapshotText(text: string, file: string): SnapshotData {
  // Editors on Windows save UTF-8 with a byte order mark; it is no part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(json, mayHoldProtoKey(json) ? refuseProtoKey : undefined);
  } catch (err) {
    if (err instanceof ProtoKeyError) throw new SnapshotFileError(err.message, file);
    throw new SnapshotFileError(`not valid JSON, the file may be truncated (${(err as Error).message})`, file);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SNAPSHOT_FORMAT) {
    throw new SnapshotFileError(`not a USP Console snapshot file (no "format": "${SNAPSHOT_FORMAT}")`, file);
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotFileError(`snapshot format version ${JSON.stringify(version)} is not supported (this build reads version ${SNAPSHOT_FORMAT_VERSION})`, file);
  }
  const parsed = snapshotFileSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotFileError(`invalid snapshot file: ${describeIssues(parsed.error)}`, file);
  const doc = parsed.data;
  checkConsistency(doc, file);
  return {
    label: doc.snapshot.label,
    agent: doc.snapshot.agent,
    capturedAt: Date.parse(doc.snapshot.capturedAt),
    source: 'import',
    appVersion: doc.snapshot.appVersion,
    schema: doc.schema as SnapshotData['schema'],
    instances: doc.instances,
    values: doc.values.map((v) => (v.redacted ? { path: v.path, value: '', redacted: true } : { path: v.path, value: v.value })),
  };
}

/** Reads and validates a snapshot file, refusing oversized files before reading them. */
export async function readSnapshotFile(file: string, options: ReadSnapshotOptions = {}): Promise<SnapshotData> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw new SnapshotFileError(`cannot read the file (${(err as Error).message})`, file);
  }
  if (size > maxBytes) throw new SnapshotFileError(`file is ${size} bytes, above the ${maxBytes}-byte import limit`, file);
  const handle = await open(file, 'r');
  try {
    return parseSnapshotText(await handle.readFile('utf8'), file);
  } finally {
    await handle.close();
  }
}

/** Validates a snapshot file and stores it in one transaction; a refused file writes nothing. */
export async function importSnapshotFile(store: Store, file: string, options: ReadSnapshotOptions & { label?: string } = {}): Promise<SnapshotMeta> {
  const data = await readSnapshotFile(file, options);
  return store.snapshots.saveAtomically({ ...data, ...(options.label ? { label: options.label } : {}) });
}
