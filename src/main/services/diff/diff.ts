import type { DiffResult, DiffSide, PathValue, ValueDiff } from '../../../shared/model/diff';
import type { ParamType } from '../../../shared/model/schema';
import type { SnapshotData, SnapshotValue } from '../../../shared/model/snapshot';
import { schemaPathOf } from '../../store/path-utils';
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

function setDiff(left: Iterable<string>, right: Iterable<string>): { added: string[]; removed: string[] } {
  const l = new Set(left);
  const r = new Set(right);
  return { added: [...r].filter((x) => !l.has(x)).sort(), removed: [...l].filter((x) => !r.has(x)).sort() };
}

/**
 * Differences from `left` to `right`: schema objects, instances and parameter values. Values
 * are compared as their parameter's type (`1` = `true`, `007` = `7`, equal instants in any
 * dateTime spelling); redacted values are unknown and never reported as changed.
 */
export function diffSnapshots(left: DiffInput, right: DiffInput, options: DiffOptions = {}): DiffResult {
  const types = new Map<string, ParamType>();
  for (const data of [right.data, left.data]) for (const o of data.schema) for (const p of o.params) types.set(o.path + p.name, p.type);
  const ignored = ignoreMatcher(options.ignore ?? []);

  const leftValues = new Map<string, SnapshotValue>();
  for (const v of left.data.values) leftValues.set(v.path, v);
  const added: PathValue[] = [];
  const removed: PathValue[] = [];
  const changed: ValueDiff[] = [];
  let skippedRedacted = 0;
  let skippedIgnored = 0;
  const seen = new Set<string>();
  for (const r of right.data.values) {
    seen.add(r.path);
    if (ignored(r.path)) {
      if (leftValues.has(r.path)) skippedIgnored += 1;
      continue;
    }
    const l = leftValues.get(r.path);
    if (!l) {
      added.push({ path: r.path, value: r.value });
      continue;
    }
    if (l.redacted || r.redacted) {
      skippedRedacted += 1;
      continue;
    }
    const type = types.get(schemaPathOf(r.path)) ?? 'unknown';
    if (!sameValue(l.value, r.value, type)) changed.push({ path: r.path, left: l.value, right: r.value, type });
  }
  for (const l of left.data.values) if (!seen.has(l.path) && !ignored(l.path)) removed.push({ path: l.path, value: l.value });

  const objects = setDiff(
    left.data.schema.map((o) => o.path),
    right.data.schema.map((o) => o.path),
  );
  const instances = setDiff(
    left.data.instances.map((i) => i.path),
    right.data.instances.map((i) => i.path),
  );
  const values = { added: added.sort(byPath), removed: removed.sort(byPath), changed: changed.sort(byPath) };
  const equal =
    objects.added.length + objects.removed.length + instances.added.length + instances.removed.length + added.length + removed.length + changed.length === 0;
  return { left: left.side, right: right.side, equal, objects, instances, values, skippedRedacted, skippedIgnored };
}
