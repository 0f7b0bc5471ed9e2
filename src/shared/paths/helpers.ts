// Small helpers for code that holds path text: validity, kind, and the supported (schema) form.

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

/** An instance-number segment of a path without brackets or quotes. */
const INSTANCE_SEGMENT = /\.\d+(?=\.|$)/g;

/**
 * Instantiated → supported form: every all-digit segment becomes `{i}` (names never start
 * with a digit, so such a segment is always an instance number), e.g.
 * `Device.WiFi.SSID.1.SSID` → `Device.WiFi.SSID.{i}.SSID`. The one definition of this mapping
 * (the store, the simulator and the snapshot services use it). Paths without `[`/`"` take a
 * regex-cheap route, as it runs once per cached value; `[...]` contents are left alone because
 * a literal may hold dots.
 */
export function toSupportedPath(instantiatedPath: string): string {
  if (!/["[]/.test(instantiatedPath)) return instantiatedPath.replace(INSTANCE_SEGMENT, '.{i}');
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

/** The parent object of a supported object path: `Device.WiFi.SSID.{i}.` → `Device.WiFi.`, `Device.WiFi.` → `Device.`, `Device.` → null. */
export function parentSchemaPath(path: string): string | null {
  const trimmed = path.endsWith('{i}.') ? path.slice(0, -'{i}.'.length) : path;
  const cut = trimmed.slice(0, -1).lastIndexOf('.');
  return cut < 0 ? null : trimmed.slice(0, cut + 1);
}
