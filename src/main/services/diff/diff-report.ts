import type { DiffResult, DiffSide } from '../../../shared/model/diff';
import { instancePathsOf } from '../../store/path-utils';

export interface ReportOptions {
  /** Most lines per section before "… and N more"; default 200. */
  maxLines?: number;
}

const side = (s: DiffSide): string => `${s.label} [${s.kind} ${s.ref}]`;
const quote = (v: string): string => JSON.stringify(v);
/** Shown for a withheld value: unquoted, so no value (always quoted) can look like it. */
export const REDACTED_TEXT = '(redacted)';
const shown = (v: string, redacted: boolean | undefined): string => (redacted ? REDACTED_TEXT : quote(v));

/** Whether `path` lies under one of the instances (checked through its own instance prefixes). */
function underAny(path: string, instances: ReadonlySet<string>): boolean {
  return instancePathsOf(path).some((i) => instances.has(i));
}

/** A readable text report of a diff, for the CLI and for saving beside a ticket; secrets the diff withheld show as (redacted). */
export function formatDiffReport(diff: DiffResult, options: ReportOptions = {}): string {
  const max = options.maxLines ?? 200;
  const lines: string[] = [`--- ${side(diff.left)}`, `+++ ${side(diff.right)}`];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`);
    lines.push(...items.slice(0, max).map((i) => `  ${i}`));
    if (items.length > max) lines.push(`  … and ${items.length - max} more`);
  };
  section('Objects added to the schema', diff.objects.added.map((p) => `+ ${p}`));
  section('Objects removed from the schema', diff.objects.removed.map((p) => `- ${p}`));
  section('Instances added', diff.instances.added.map((p) => `+ ${p}`));
  section('Instances removed', diff.instances.removed.map((p) => `- ${p}`));
  section('Values changed', diff.values.changed.map((c) => `~ ${c.path}: ${shown(c.left, c.redacted)} → ${shown(c.right, c.redacted)}`));
  // Values of whole added/removed instances are implied by the instance lines above.
  const addedInstances = new Set(diff.instances.added);
  const removedInstances = new Set(diff.instances.removed);
  const addedAlone = diff.values.added.filter((v) => !underAny(v.path, addedInstances));
  const removedAlone = diff.values.removed.filter((v) => !underAny(v.path, removedInstances));
  section('Values added', addedAlone.map((v) => `+ ${v.path} = ${shown(v.value, v.redacted)}`));
  section('Values removed', removedAlone.map((v) => `- ${v.path} = ${shown(v.value, v.redacted)}`));
  const notes: string[] = [];
  const implied = diff.values.added.length - addedAlone.length + diff.values.removed.length - removedAlone.length;
  if (implied > 0) notes.push(`${implied} values belong to the added or removed instances`);
  if (diff.skippedRedacted > 0) notes.push(`${diff.skippedRedacted} redacted values not compared`);
  if (diff.skippedIgnored > 0) notes.push(`${diff.skippedIgnored} ignored values not compared`);
  lines.push('');
  if (notes.length) lines.push(`Note: ${notes.join('; ')}.`);
  lines.push(
    diff.equal
      ? 'No differences.'
      : `Differences: ${diff.objects.added.length + diff.objects.removed.length} objects, ${diff.instances.added.length + diff.instances.removed.length} instances, ` +
          `${diff.values.changed.length} changed, ${diff.values.added.length} added and ${diff.values.removed.length} removed values.`,
  );
  return lines.join('\n') + '\n';
}
