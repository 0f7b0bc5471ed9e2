/** A path that does not parse or is not allowed where it is used; plain data (crosses IPC). */
export interface PathError {
  /** One line for people: `<path>: <reason> at <position>`. */
  readonly message: string;
  /** What is wrong, without the path: e.g. `unterminated search expression`. */
  readonly reason: string;
  /** 0-based offset of the offending character in `text` (`text.length` for "ended too early"). */
  readonly position: number;
  /** What would have been valid at `position`, e.g. `"]" or "&&"`. */
  readonly expected: string;
  readonly text: string;
}

export function pathError(text: string, position: number, reason: string, expected: string): PathError {
  return { message: `${text}: ${reason} at ${position}`, reason, position, expected, text };
}

export type PathResult<T> = { readonly ok: true; readonly path: T } | { readonly ok: false; readonly error: PathError };
