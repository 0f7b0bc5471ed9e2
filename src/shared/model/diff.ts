import type { ParamType } from './schema';

/** What one side of a diff is: a stored snapshot, a file, or an agent's cache. */
export interface DiffSide {
  kind: 'snapshot' | 'file' | 'agent';
  /** Snapshot id, file name or endpoint ID. */
  ref: string;
  label: string;
  endpointId: string;
}

/**
 * `redacted`: a secret (see docs/snapshot-format.md, Redaction): its values are withheld and
 * empty, as in a redacted export; a changed secret is still listed as changed (the diff compares
 * the real values and redacts only what it returns).
 */
export interface ValueDiff {
  path: string;
  left: string;
  right: string;
  type: ParamType;
  redacted?: true;
}

/** `redacted`: a secret, or a value a redacted export withheld: the value is empty and unknown. */
export interface PathValue {
  path: string;
  value: string;
  redacted?: true;
}

/**
 * Differences from `left` to `right`: "added" exists only on the right, "removed" only on the left.
 * Values under added or removed instances are listed in `values.added` / `values.removed` too.
 */
export interface DiffResult {
  left: DiffSide;
  right: DiffSide;
  equal: boolean;
  objects: { added: string[]; removed: string[] };
  instances: { added: string[]; removed: string[] };
  values: { added: PathValue[]; removed: PathValue[]; changed: ValueDiff[] };
  /** Parameters present on both sides but not compared because one side was redacted. */
  skippedRedacted: number;
  /** Parameters present on both sides but not compared because they match an ignore pattern. */
  skippedIgnored: number;
}
