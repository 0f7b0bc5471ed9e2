/** Parses a JSON column written by this store; a damaged cell reads as the fallback rather than throwing. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Upper bound of the index range holding every path under `prefix` (which ends with '.'): '.' + 1 = '/'. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + '/';
}
