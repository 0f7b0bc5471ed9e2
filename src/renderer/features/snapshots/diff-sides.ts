import type { DiffSide } from '../../../shared/console-api';

/** Select values for a diff side: 's:<snapshotId>', 'l:<agentId>' (read live) or 'a:<agentId>' (its cache). */
export function parseDiffSide(value: string | null): DiffSide | null {
  if (!value) return null;
  if (value.startsWith('s:')) return { kind: 'snapshot', snapshotId: value.slice(2) };
  if (value.startsWith('l:')) return { kind: 'agent', agentId: value.slice(2), live: true };
  if (value.startsWith('a:')) return { kind: 'agent', agentId: value.slice(2) };
  return null;
}

/** A progress id unique enough to tell our own capture's progress events from others'. */
export function newProgressId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
