export interface SnapshotSummary {
  id: string;
  agentId: string;
  name: string;
  createdAt: number;
  objectCount: number;
  paramCount: number;
  /** Captured from the live agent or copied from the cache (agent offline), or imported from a file. */
  origin: 'live' | 'cache' | 'import';
  note: string | null;
}

export interface CaptureSnapshotOptions {
  name?: string;
  note?: string;
  /** Id for 'progress' events of this capture (host generates one if absent). */
  progressId?: string;
  /**
   * true: read the live agent or fail with 'agent-offline'; false: the cache only. Absent: live
   * when online, else the cache, and the result's origin says which (never a silent fallback).
   */
  live?: boolean;
}

export interface SnapshotExport {
  fileName: string;
  mimeType: string;
  /** File content (JSON text, secrets redacted unless asked otherwise). */
  content: string;
}

export interface ExportSnapshotOptions {
  /** Replace secured/password values by '' (default true). */
  redactSecrets?: boolean;
  /** The portable JSON file (default) or CSV, one parameter per row (as `usp-console export`). */
  format?: 'json' | 'csv';
}

export interface SnapshotImport {
  fileName: string;
  content: string;
}

/** One side of a diff: a stored snapshot, or an agent's current cached/live state. */
export type DiffSide =
  | { kind: 'snapshot'; snapshotId: string }
  | { kind: 'agent'; agentId: string; live?: boolean };

export type DiffChange = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  /** Full parameter path (or object path for added/removed instances). */
  path: string;
  change: DiffChange;
  /** Value on the left; absent when added. */
  left?: string;
  /** Value on the right; absent when removed. */
  right?: string;
  /** A secret: its values are withheld (empty), as in a redacted export; a change is still listed. */
  redacted?: true;
}

export interface DiffOptions {
  /** Only paths under this prefix. */
  pathPrefix?: string;
  /** Ignore parameters whose path matches any of these prefixes (e.g. counters, uptime). */
  ignorePrefixes?: string[];
  /** Max entries; default 10000. */
  limit?: number;
  /** Leave out values that change by themselves (uptime, clocks, statistics: TR-181 `volatile`). */
  ignoreVolatile?: boolean;
}

export interface SnapshotDiff {
  /** An agent side ends in "(live)" when it was just read from the agent, else "(cached values)". */
  leftLabel: string;
  rightLabel: string;
  entries: DiffEntry[];
  /** `ignored`: parameters left out by ignorePrefixes / ignoreVolatile. */
  counts: { added: number; removed: number; changed: number; unchanged: number; ignored: number };
  truncated: boolean;
}
