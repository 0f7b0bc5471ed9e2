import type { DiffResult, DiffSide, PathValue, ValueDiff } from '../../../shared/model/diff';
import type { ParamType } from '../../../shared/model/schema';
import type { SnapshotData, SnapshotValue } from '../../../shared/model/snapshot';
import { schemaPathMapper } from '../../store/path-utils';
import { redactorFor } from '../snapshots/export-snapshot';
import type { SecuredByReference } from '../snapshots/redaction';
import { sameValue } from './value-compare';

/** One side of a diff: what it is, and its data. */
export interface DiffInput {
  side: DiffSide;
  data: SnapshotData;
}

export interface DiffOptions {
  /**
   * Parameters to leave out (counters, uptimes): a path ending in `.` covers its subtree, one
   * without covers that parameter; `*` stands for one path segment (e.g. `Device.WiFi.Radio.*.Stats.`).
   */
  ignore?: string[];
  /** Also leave out parameters by schema path ({i} notation), e.g. the reference's volatile ones. */
  ignoreSchemaPath?: (schemaPath: string) => boolean;
  /**
   * Withhold secrets in the result (default true), by the rule of a snapshot export: either side's
   * schema flags the parameter secured, its name says it is a credential, or the reference flags
   * it. False must be an explicit user choice (`--no-redact`).
   */
  redact?: boolean;
  /** Which schema paths a reference model flags secured; default the built-in TR-181 reference. */
  securedByReference?: SecuredByReference;
}

function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regexes = patterns.map((p) => {
    const body = p
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]+');
    return new RegExp(`^${body}${p.endsWith('.') ? '' : '$'}`);
  });
  return (path) => regexes.some((r) => r.test(path));
}

const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The values in JS string order (stored ones already are, except for rare non-ASCII paths). */
function sorted(values: readonly SnapshotValue[]): readonly SnapshotValue[] {
  for (let i = 1; i < values.length; i++) if (values[i - 1]!.path > values[i]!.path) return [...values].sort(byPath);
  return values;
}

function setDiff(left: Iterable<string>, right: Iterable<string>): { added: string[]; removed: string[] } {
  const l = new Set(left);
  const r = new Set(right);
  return { added: [...r].filter((x) => !l.has(x)).sort(), removed: [...l].filter((x) => !r.has(x)).sort() };
}

/**
 * Differences from `left` to `right`: schema objects, instances and parameter values. Values
 * are compared as their parameter's type (`1` = `true`, `007` = `7`, equal instants in any
 * dateTime spelling); redacted values are unknown and never reported as changed. Secrets are
 * compared by their real values but returned redacted (empty, `redacted: true`) unless
 * `redact: false`. Both value lists are walked once in path order (a merge join), so
 * 100k-parameter diffs stay cheap.
 */
export function diffSnapshots(left: DiffInput, right: DiffInput, options: DiffOptions = {}): DiffResult {
  const types = new Map<string, ParamType>();
  for (const data of [right.data, left.data]) for (const o of data.schema) for (const p of o.params) types.set(o.path + p.name, p.type);
  const toSchemaPath = schemaPathMapper();
  const byPattern = ignoreMatcher(options.ignore ?? []);
  const bySchema = options.ignoreSchemaPath;
  const ignored = bySchema ? (path: string) => byPattern(path) || bySchema(toSchemaPath(path)) : byPattern;
  const redactor = options.redact === false ? undefined : redactorFor([...left.data.schema, ...right.data.schema], options);
  /** What the result shows of a value that exists on one side only. */
  const shown = (v: SnapshotValue): PathValue => (v.redacted || redactor?.isSecret(v.path) ? { path: v.path, value: '', redacted: true } : { path: v.path, value: v.value });

  const added: PathValue[] = [];
  const removed: PathValue[] = [];
  const changed: ValueDiff[] = [];
  let skippedRedacted = 0;
  let skippedIgnored = 0;
  const lv = sorted(left.data.values);
  const rv = sorted(right.data.values);
  let i = 0;
  let j = 0;
  while (i < lv.length || j < rv.length) {
    const l = lv[i];
    const r = rv[j];
    if (r === undefined || (l !== undefined && l.path < r.path)) {
      if (!ignored(l!.path)) removed.push(shown(l!));
      i++;
    } else if (l === undefined || r.path < l.path) {
      if (!ignored(r.path)) added.push(shown(r));
      j++;
    } else {
      i++;
      j++;
      if (ignored(r.path)) skippedIgnored += 1;
      else if (l.redacted || r.redacted) skippedRedacted += 1;
      else if (l.value !== r.value) {
        const type = types.get(toSchemaPath(r.path)) ?? 'unknown';
        if (!sameValue(l.value, r.value, type)) {
          changed.push(redactor?.isSecret(r.path) ? { path: r.path, left: '', right: '', type, redacted: true } : { path: r.path, left: l.value, right: r.value, type });
        }
      }
    }
  }

  const objects = setDiff(
    left.data.schema.map((o) => o.path),
    right.data.schema.map((o) => o.path),
  );
  const instances = setDiff(
    left.data.instances.map((x) => x.path),
    right.data.instances.map((x) => x.path),
  );
  const values = { added, removed, changed };
  const equal =
    objects.added.length + objects.removed.length + instances.added.length + instances.removed.length + added.length + removed.length + changed.length === 0;
  return { left: left.side, right: right.side, equal, objects, instances, values, skippedRedacted, skippedIgnored };
}
