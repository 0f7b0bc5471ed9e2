/**
 * The controller's typed failures. Per-path failures inside a successful response are data
 * (docs/architecture.md); these are for a request that got no usable answer at all. A USP Error reply
 * and a response of the wrong kind surface as the USP core's UspErrorResponse and
 * UnexpectedResponseError, re-exported from the controller's index.
 */

/** No response within the request's timeout (the timeout is ours to choose). */
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
