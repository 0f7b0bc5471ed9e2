import { toConsoleApiError, type ConsoleApiErrorData } from '../../shared/api/errors';

/**
 * The plain error data a host sends back for a failed call. Anything thrown that is not
 * already a ConsoleApiError becomes 'internal' with its message; stacks never leave main.
 */
export function toErrorBody(thrown: unknown): ConsoleApiErrorData {
  return toConsoleApiError(thrown).toData();
}
