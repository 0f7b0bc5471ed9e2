import { parsePath, type ParsedPath, type PathField } from '../../usp/paths';
import { CliUsageError } from '../framework/cli-errors';

/** Parses a path for a message field; a bad one is a usage error naming the position. */
export function checkPath(text: string, field: PathField, what = 'path'): ParsedPath {
  const result = parsePath(text, { field });
  if (!result.ok) {
    const e = result.error;
    throw new CliUsageError(`bad ${what} "${text}": ${e.reason} at position ${e.position}${e.expected ? ` (expected ${e.expected})` : ''}`);
  }
  return result.path;
}

/** `NAME=VALUE` → [NAME, VALUE], split at the first "=". */
export function splitAssignment(text: string, what: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliUsageError(`expected ${what}=VALUE, not "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * `PATH=VALUE` where PATH is a parameter path: split at the first "=" whose left side parses as
 * one, so `=` inside a search expression (`[Alias=="x"]`) stays part of the path.
 */
export function splitParamAssignment(text: string): { objPath: string; param: string; value: string } {
  let firstError: string | undefined;
  for (let at = text.indexOf('='); at > 0; at = text.indexOf('=', at + 1)) {
    const path = text.slice(0, at);
    const parsed = parsePath(path);
    if (parsed.ok && parsed.path.kind === 'parameter') {
      const dot = path.lastIndexOf('.');
      // The object part is what goes into UpdateObject.obj_path.
      checkPath(path.slice(0, dot + 1), 'Set.obj_path', 'object path');
      return { objPath: path.slice(0, dot + 1), param: path.slice(dot + 1), value: text.slice(at + 1) };
    }
    firstError ??= parsed.ok ? `"${path}" is not a parameter path` : `${parsed.error.reason} at position ${parsed.error.position}`;
  }
  throw new CliUsageError(`expected PARAMETER_PATH=VALUE, not "${text}"${firstError ? `: ${firstError}` : ''}`);
}

/** A whole number ≥ min from an option value. */
export function intOption(value: unknown, flag: string, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min) throw new CliUsageError(`${flag} must be a whole number ≥ ${min}, not "${String(value)}"`);
  return n;
}
