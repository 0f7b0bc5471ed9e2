import { ConsoleApiError, toConsoleApiError, type ConsoleApiErrorData } from '../../shared/api/errors';
import {
  AgentNotApprovedError, AgentUnreachableError, OperationTimeoutError, RequestTimeoutError, UnexpectedResponseError,
  UspErrorResponse,
} from '../controller';
import { TransportError } from '../mtp/transport';
import { StoreError } from '../store/store-error';
import { UspDecodeError } from '../usp/codec';

/**
 * Turns the typed failures of the controller, transports and store into the one error
 * shape the UI understands (ConsoleApiError), keeping USP error codes and per-parameter
 * errors so the renderer can explain them in plain language.
 */
export function toApiError(thrown: unknown): ConsoleApiError {
  if (thrown instanceof ConsoleApiError) return thrown;
  if (thrown instanceof UspErrorResponse) {
    return new ConsoleApiError({
      code: 'usp-error',
      message: thrown.errMsg ? `The agent answered with error ${thrown.errCode}: ${thrown.errMsg}` : `The agent answered with error ${thrown.errCode}.`,
      uspErrCode: thrown.errCode,
      paramErrors: thrown.paramErrs.map((p) => ({ path: p.paramPath, errCode: p.errCode, errMsg: p.errMsg })),
    });
  }
  if (thrown instanceof RequestTimeoutError || thrown instanceof OperationTimeoutError) {
    return new ConsoleApiError({ code: 'timeout', message: capitalize(thrown.message) + '.' });
  }
  if (thrown instanceof AgentUnreachableError) return new ConsoleApiError({ code: 'agent-offline', message: capitalize(thrown.message) + '.' });
  if (thrown instanceof AgentNotApprovedError) return new ConsoleApiError({ code: 'agent-not-approved', message: capitalize(thrown.message) + '.' });
  if (thrown instanceof UnexpectedResponseError || thrown instanceof UspDecodeError) {
    return new ConsoleApiError({ code: 'protocol-error', message: thrown.message });
  }
  if (thrown instanceof TransportError) return new ConsoleApiError({ code: 'transport-error', message: thrown.message });
  if (thrown instanceof StoreError) {
    const code = thrown.code === 'not-found' ? 'not-found' : thrown.code === 'invalid-input' ? 'invalid-argument' : 'internal';
    return new ConsoleApiError({ code, message: thrown.message });
  }
  return toConsoleApiError(thrown);
}

/** The plain error data a host sends back for a failed call; stacks never leave main. */
export function toErrorBody(thrown: unknown): ConsoleApiErrorData {
  return toApiError(thrown).toData();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
