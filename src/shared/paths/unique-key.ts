// Unique-key addressing shares the search-expression syntax: `[Key=="v"]`, or
// for a compound key every key parameter joined with `&&` in any order. Only the supported
// model's unique-key sets tell an address (0 or 1 instance) from a search (0..N).

import type { SearchSegment, SearchValue } from './ast';
import { encodeLiteral } from './literal';

/**
 * The `name → constant` map when the expression has the shape of a unique-key address: only
 * `==` on plain parameter names of the row itself, each named once. Undefined otherwise.
 */
export function uniqueKeyOf(segment: SearchSegment): ReadonlyMap<string, SearchValue> | undefined {
  const keys = new Map<string, SearchValue>();
  for (const condition of segment.conditions) {
    const [only, ...more] = condition.path.segments;
    if (condition.operator !== '==' || !only || more.length > 0 || only.reference || keys.has(only.name)) return undefined;
    keys.set(only.name, condition.value);
  }
  return keys;
}

/**
 * Whether the expression names exactly all parameters of one of the table's unique-key sets
 * (GetSupportedDM `unique_key_sets`); a partially specified compound key is a search.
 */
export function isUniqueKeyAddress(segment: SearchSegment, keySets: readonly (readonly string[])[]): boolean {
  const keys = uniqueKeyOf(segment);
  if (!keys) return false;
  return keySets.some((set) => set.length === keys.size && set.every((name) => keys.has(name)));
}

/**
 * `[Name=="eth0"]`, `[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"]`: strings are quoted
 * and percent-encoded, numbers and booleans unquoted. Keys in the order given.
 */
export function formatUniqueKey(keys: Readonly<Record<string, string | number | boolean>>): string {
  const parts = Object.entries(keys).map(([name, value]) => `${name}==${typeof value === 'string' ? encodeLiteral(value) : String(value)}`);
  return `[${parts.join('&&')}]`;
}
