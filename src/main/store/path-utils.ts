// Small, fast helpers on concrete (instance-number) paths. The full grammar lives in
// src/shared/paths; these run once per cached value, so they stay regex-cheap.

import { toSupportedPath } from '../../shared/paths/helpers';

const SEARCH_SYNTAX = /[*[\]+#{]/;

/** `Device.WiFi.SSID.1.SSID` → `Device.WiFi.SSID.{i}.SSID`: the shared toSupportedPath, by the store's name. */
export const schemaPathOf: (concretePath: string) => string = toSupportedPath;

/**
 * schemaPathOf for long runs of parameter paths (exports, diffs): parameters of one object
 * share its parent, so the parent's mapping is remembered (bounded, to keep memory flat).
 */
export function schemaPathMapper(maxEntries = 20_000): (concretePath: string) => string {
  const parents = new Map<string, string>();
  return (path) => {
    const cut = path.lastIndexOf('.') + 1;
    const parent = path.slice(0, cut);
    let mapped = parents.get(parent);
    if (mapped === undefined) {
      if (parents.size >= maxEntries) parents.clear();
      mapped = schemaPathOf(parent);
      parents.set(parent, mapped);
    }
    return mapped + path.slice(cut);
  };
}

/** True when a path has no wildcard, search expression, reference following or `{i}`. */
export function isPlainPath(path: string): boolean {
  return !SEARCH_SYNTAX.test(path);
}

/**
 * Every object-instance path a concrete path passes through:
 * `Device.WiFi.AccessPoint.1.AssociatedDevice.2.Stats.` → `Device.WiFi.AccessPoint.1.`, `….AssociatedDevice.2.`.
 */
export function instancePathsOf(concretePath: string): string[] {
  const out: string[] = [];
  const re = /\.(\d+)\./g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(concretePath)) !== null) {
    out.push(concretePath.slice(0, m.index + m[0].length));
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** The parent object path of a parameter path: `Device.WiFi.SSID.1.SSID` → `Device.WiFi.SSID.1.`. */
export function parentObjectPath(paramPath: string): string {
  return paramPath.slice(0, paramPath.lastIndexOf('.') + 1);
}
