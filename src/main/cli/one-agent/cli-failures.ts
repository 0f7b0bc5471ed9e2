import { describeUspError } from '../../../shared/usp-error-codes';
import {
  AgentNotApprovedError,
  AgentUnreachableError,
  OperationTimeoutError,
  RequestTimeoutError,
  SubscriptionError,
  UnexpectedResponseError,
  UspErrorResponse,
} from '../../controller';
import { TransportError } from '../../mtp/transport';
import { CliUsageError } from '../transport-options';

/** Exit codes of the one-agent commands. */
export const EXIT = { ok: 0, uspError: 1, usage: 2, unreachable: 3 } as const;

/** A per-path failure inside a response (errCode on a requested path, a failed object or command). */
export interface PathFailure {
  path: string;
  errCode: number;
  errMsg: string;
}

function line(command: string, text: string): void {
  process.stderr.write(`usp-console ${command}: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
}

/** "7026 Invalid path" (the spec's name for the code). */
export function codeAndName(errCode: number): string {
  return `${errCode} ${describeUspError(errCode).name}`;
}

/** Prints each failure as `PATH: CODE NAME: message`; returns 1 when there was any, else 0. */
export function reportPathFailures(command: string, failures: readonly PathFailure[]): number {
  for (const f of failures) line(command, `${f.path}: USP error ${codeAndName(f.errCode)}${f.errMsg ? `: ${f.errMsg}` : ''}`);
  return failures.length > 0 ? EXIT.uspError : EXIT.ok;
}

/**
 * One line (or a few) on stderr for anything a one-agent command can throw, and its exit code:
 * 1 for a USP Error message (code, name, path), 2 for bad arguments, 3 for a timeout or a
 * transport failure. `paths` are what was asked for, shown when the Error names no path itself.
 */
export function reportError(command: string, error: unknown, paths: readonly string[] = []): number {
  if (error instanceof CliUsageError) {
    line(command, `${error.message} (see usp-console ${command} --help)`);
    return EXIT.usage;
  }
  if (error instanceof UspErrorResponse) {
    const where = error.paramErrs.length === 0 && paths.length > 0 ? ` (${paths.join(', ')})` : '';
    line(command, `USP error ${codeAndName(error.errCode)}${error.errMsg ? `: ${error.errMsg}` : ''}${where}`);
    reportPathFailures(
      command,
      error.paramErrs.map((p) => ({ path: p.paramPath, errCode: p.errCode, errMsg: p.errMsg })),
    );
    return EXIT.uspError;
  }
  if (error instanceof SubscriptionError) {
    line(command, error.errCode !== undefined ? `USP error ${codeAndName(error.errCode)}: ${error.message}` : error.message);
    return EXIT.uspError;
  }
  if (
    error instanceof RequestTimeoutError ||
    error instanceof OperationTimeoutError ||
    error instanceof AgentUnreachableError ||
    error instanceof AgentNotApprovedError ||
    error instanceof TransportError ||
    error instanceof UnexpectedResponseError
  ) {
    line(command, `${error instanceof RequestTimeoutError || error instanceof OperationTimeoutError ? 'timeout: ' : ''}${error.message}`);
    return EXIT.unreachable;
  }
  line(command, error instanceof Error ? error.message : String(error));
  return EXIT.uspError;
}

/** For a failure to reach the agent at all: whatever it was, it is exit 3 unless the arguments were wrong. */
export function reportSessionError(command: string, error: unknown): number {
  const code = reportError(command, error);
  return code === EXIT.usage ? code : EXIT.unreachable;
}
