// Small helpers for code that holds path text (paths.md §8).

import type { PathKind } from './ast';
import { parsePath } from './path-parser';

/** Whether `text` parses as a path (of `kind`, when given); tolerant of spaces around operators. */
export function isValidPath(text: string, kind?: PathKind): boolean {
  const result = parsePath(text);
  return result.ok && (kind === undefined || result.path.kind === kind);
}

/** Kind by suffix alone: `.` object, `()` command, `!` event, otherwise parameter. */
export function pathKindOf(text: string): PathKind {
  if (text.endsWith('.')) return 'object';
  if (text.endsWith('()')) return 'command';
  if (text.endsWith('!')) return 'event';
  return 'parameter';
}

/**
 * Instantiated → supported form: every all-digit segment becomes `{i}` (names never start
 * with a digit, so such a segment is always an instance number). Works on concrete paths;
 * `[...]` contents are left alone because a literal may hold dots.
 */
export function toSupportedPath(instantiatedPath: string): string {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const c of instantiatedPath) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '[') depth++;
    else if (!quoted && c === ']') depth--;
    if (c === '.' && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => (/^[0-9]+$/.test(p) ? '{i}' : p)).join('.');
}
