// What a job would do, per agent, computed from the cache: nothing is sent.

export const PREVIEW_FLAGS = [
  'not-found',
  'read-only',
  'bad-value',
  'key-collision',
  'command-unsupported',
  'unchanged',
  'offline',
  'no-rollback',
  'placeholder',
  'no-schema',
] as const;
export type PreviewFlag = (typeof PREVIEW_FLAGS)[number];

/** Flags that make a step fail for sure; the others are information (offline = will be queued). */
export const BLOCKING_FLAGS: ReadonlySet<PreviewFlag> = new Set(['not-found', 'read-only', 'bad-value', 'key-collision', 'command-unsupported', 'placeholder']);

export interface PreviewItem {
  /** Resolved path (a parameter, object, or command). */
  path: string;
  /** Cached value now (null: not cached / not applicable). */
  current: string | null;
  /** Value the job would write (null for delete, operate, get). */
  next: string | null;
  flags: PreviewFlag[];
  /** Why a flag is set, for people. */
  message?: string;
}

export interface AgentPreview {
  endpointId: string;
  online: boolean;
  items: PreviewItem[];
  /** Union of the items' flags plus agent-level ones (offline, no-rollback). */
  flags: PreviewFlag[];
  /** Every item is already the new value: the step will be skipped. */
  skip: boolean;
}

export interface JobPreview {
  total: number;
  /** Agents carrying each flag. */
  counts: Record<PreviewFlag, number>;
  agents: AgentPreview[];
}
