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
import { SnapshotFileError } from '../../services/snapshots/import-snapshot';
import { StoreError } from '../../store/store-error';
import { CliFailure, CliUsageError } from './cli-errors';
import { EXIT } from './exit-codes';
import { reporter } from './reporter';

/** A per-path failure inside a response (errCode on a requested path, a failed object or command). */
export interface PathFailure {
  path: string;
  errCode: number;
  errMsg: string;
}

/** "7026 Invalid path" (the spec's name for the code). */
export function codeAndName(errCode: number): string {
  return `${errCode} ${describeUspError(errCode).name}`;
}

/** Prints each failure as `PATH: CODE NAME: message`; returns 1 when there was any, else 0. */
export function reportPathFailures(command: string, failures: readonly PathFailure[]): number {
  const report = reporter(command);
  for (const f of failures) report.error(`${f.path}: USP error ${codeAndName(f.errCode)}${f.errMsg ? `: ${f.errMsg}` : ''}`);
  return failures.length > 0 ? EXIT.failed : EXIT.ok;
}

const UNREACHABLE = [RequestTimeoutError, OperationTimeoutError, AgentUnreachableError, AgentNotApprovedError, TransportError, UnexpectedResponseError];

/**
 * One line (or a few) on stderr for anything a command can throw, and its exit code: 1 for a
 * USP Error message (code, name, path), 2 for bad arguments or input, 3 for a timeout or a
 * transport failure. `paths` are what was asked for, shown when the Error names no path itself.
 */
export function reportFailure(command: string, error: unknown, paths: readonly string[] = []): number {
  const report = reporter(command);
  if (error instanceof CliUsageError) {
    report.error(`${error.message} (see usp-console ${command} --help)`);
    return EXIT.usage;
  }
  if (error instanceof CliFailure) {
    report.error(error.message);
    return error.exitCode;
  }
  // A snapshot file that cannot be used, or an id that names no snapshot: bad input, as in every command.
  if (error instanceof SnapshotFileError || (error instanceof StoreError && error.code === 'not-found')) {
    report.error(error.message);
    return EXIT.usage;
  }
  if (error instanceof UspErrorResponse) {
    const where = error.paramErrs.length === 0 && paths.length > 0 ? ` (${paths.join(', ')})` : '';
    report.error(`USP error ${codeAndName(error.errCode)}${error.errMsg ? `: ${error.errMsg}` : ''}${where}`);
    reportPathFailures(
      command,
      error.paramErrs.map((p) => ({ path: p.paramPath, errCode: p.errCode, errMsg: p.errMsg })),
    );
    return EXIT.failed;
  }
  if (error instanceof SubscriptionError) {
    report.error(error.errCode !== undefined ? `USP error ${codeAndName(error.errCode)}: ${error.message}` : error.message);
    return EXIT.failed;
  }
  if (UNREACHABLE.some((kind) => error instanceof kind)) {
    const timeout = error instanceof RequestTimeoutError || error instanceof OperationTimeoutError;
    report.error(`${timeout ? 'timeout: ' : ''}${(error as Error).message}`);
    return EXIT.unreachable;
  }
  report.error(error instanceof Error ? error.message : String(error));
  return EXIT.failed;
}

/** For a failure to reach the agent at all: whatever it was, it is exit 3 unless the arguments were wrong. */
export function reportSessionError(command: string, error: unknown): number {
  const code = reportFailure(command, error);
  return code === EXIT.usage ? code : EXIT.unreachable;
}
