/**
 * The controller's typed failures. Per-path failures inside a successful response are data
 * (architecture.md); these are for a request that got no usable answer at all.
 */

export interface UspParamError {
  paramPath: string;
  errCode: number;
  errMsg: string;
}

/** No response within the request's timeout (messages.md §11: the timeout is ours to choose). */
export class RequestTimeoutError extends Error {
  constructor(
    readonly endpointId: string,
    readonly msgId: string,
    readonly timeoutMs: number,
  ) {
    super(`no response from ${endpointId} to ${msgId} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** The agent cannot be reached now: unknown, no usable address, its connection closed, the broker link dropped. */
export class AgentUnreachableError extends Error {
  constructor(
    readonly endpointId: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`agent ${endpointId} unreachable: ${reason}`, options);
    this.name = 'AgentUnreachableError';
  }
}

/** The agent is held for approval or was rejected, so the controller does not talk to it. */
export class AgentNotApprovedError extends Error {
  constructor(
    readonly endpointId: string,
    readonly status: 'held' | 'rejected',
  ) {
    super(`agent ${endpointId} is ${status === 'held' ? 'held for approval' : 'rejected'}`);
    this.name = 'AgentNotApprovedError';
  }
}

/** The agent answered with a USP Error message (messages.md §1.1): it replaces the whole response. */
export class UspErrorResponse extends Error {
  constructor(
    readonly endpointId: string,
    readonly msgId: string,
    readonly errCode: number,
    readonly errMsg: string,
    readonly paramErrs: UspParamError[],
  ) {
    super(`agent ${endpointId} answered ${msgId} with USP error ${errCode}${errMsg ? `: ${errMsg}` : ''}`);
    this.name = 'UspErrorResponse';
  }
}

/** The agent answered with a response of another kind than the request asks for, or one that cannot be read. */
export class UnexpectedResponseError extends Error {
  constructor(
    readonly endpointId: string,
    readonly msgId: string,
    readonly detail: string,
  ) {
    super(`agent ${endpointId} answered ${msgId} unexpectedly: ${detail}`);
    this.name = 'UnexpectedResponseError';
  }
}

/** An asynchronous command did not report its OperationComplete in time. */
export class OperationTimeoutError extends Error {
  constructor(
    readonly endpointId: string,
    readonly command: string,
    readonly commandKey: string,
    readonly timeoutMs: number,
  ) {
    super(`no OperationComplete from ${endpointId} for ${command} (command key ${commandKey}) within ${timeoutMs} ms`);
    this.name = 'OperationTimeoutError';
  }
}
