import type { SearchMatch } from '../../../shared/console-api';
import { toSupportedPath } from '../../../shared/paths/helpers';
import type { SchemaIndex } from './schema-index';

/**
 * Objects, commands and events found in the supported data model by name (case-insensitive
 * substring of the schema path) or by exact path, e.g. `IPPing` or `Device.IP.Diagnostics.IPPing()`.
 * `{i}` steps are filled with the instance numbers known for that table; at most `limit` matches.
 */
export function searchSchema(
  schema: SchemaIndex,
  text: string,
  mode: 'name' | 'path',
  instancesOf: (tablePath: string) => readonly number[],
  limit: number,
): SearchMatch[] {
  const needle = text.toLowerCase();
  const wanted = mode === 'path' ? toSupportedPath(text) : null;
  const out: SearchMatch[] = [];
  const add = (kind: SearchMatch['kind'], schemaPath: string): void => {
    if (out.length >= limit) return;
    if (wanted !== null ? schemaPath !== wanted : !schemaPath.toLowerCase().includes(needle)) return;
    const concrete = wanted !== null && !text.includes('{i}') ? [text] : instantiate(schemaPath, instancesOf, limit - out.length);
    for (const path of concrete) out.push({ kind, path });
  };
  for (const o of schema.byPath.values()) {
    if (mode === 'name') add('object', o.path);
    for (const c of o.commands) add('command', o.path + c.name);
    for (const e of o.events) add('event', o.path + e.name);
  }
  return out.slice(0, limit);
}

/** Every concrete path of a schema path, from the known instances of each table on the way. */
function instantiate(schemaPath: string, instancesOf: (tablePath: string) => readonly number[], limit: number): string[] {
  const at = schemaPath.indexOf('{i}.');
  if (at < 0) return [schemaPath];
  const table = schemaPath.slice(0, at);
  const out: string[] = [];
  for (const n of instancesOf(table)) {
    for (const p of instantiate(`${table}${n}.${schemaPath.slice(at + 4)}`, instancesOf, limit - out.length)) {
      out.push(p);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
