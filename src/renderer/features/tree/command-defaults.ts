import type { ArgSchema } from '../../../shared/console-api';
import { validateValue } from './value-validators';

/**
 * Starting values the console proposes for mandatory diagnostics arguments that the standard
 * leaves without a default (IPPing, TraceRoute, UDPEcho): a form that runs as soon as the
 * technician names the host. Used only where the value fits the argument's type and range.
 */
const SUGGESTED: Readonly<Record<string, string>> = {
  NumberOfRepetitions: '3',
  NumberOfTries: '3',
  Timeout: '1000',
  DataBlockSize: '64',
};

/**
 * Initial input arguments of a command form: the reference's default where the standard gives
 * one; for mandatory arguments without one, the first enumeration value, `false`, or a
 * suggestion above. Free text (a host, a URL) is left for the user; the form marks it required.
 */
export function initialArgs(args: readonly ArgSchema[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const value = a.reference?.default ?? (a.mandatory ? proposal(a) : undefined);
    if (value !== undefined && validateValue(value, a.type, a.constraints) === null) out[a.name] = value;
  }
  return out;
}

function proposal(a: ArgSchema): string | undefined {
  const options = a.constraints?.list ? undefined : a.constraints?.enumeration;
  if (options && options.length > 0) return options[0];
  if (a.type === 'boolean') return 'false';
  return Object.hasOwn(SUGGESTED, a.name) ? SUGGESTED[a.name] : undefined;
}

/** Mandatory arguments still empty: the form names them and does not send (the agent would answer 7027, R-OPR.5). */
export function missingArgs(args: readonly ArgSchema[], values: Record<string, string>): ArgSchema[] {
  return args.filter((a) => a.mandatory && (values[a.name] ?? '') === '');
}
