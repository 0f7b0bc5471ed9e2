import { describe, expect, it } from 'vitest';
import { toApiError, toErrorBody } from '../../../src/main/api/api-errors';
import { AgentNotApprovedError, AgentUnreachableError, RequestTimeoutError, UspErrorResponse } from '../../../src/main/controller';
import { TransportError } from '../../../src/main/mtp/transport';
import { StoreError } from '../../../src/main/store/store-error';
import { ConsoleApiError } from '../../../src/shared/api/errors';
import { USP_ERR_INVALID_PATH, USP_ERR_INVALID_VALUE } from '../../../src/shared/usp-error-codes';

describe('toApiError', () => {
  it('keeps the USP error code and the per-parameter errors of an agent Error', () => {
    const thrown = new UspErrorResponse('m1', {
      err_code: USP_ERR_INVALID_PATH,
      err_msg: 'no such object',
      param_errs: [{ param_path: 'Device.X.1.Y', err_code: USP_ERR_INVALID_VALUE, err_msg: 'bad' }],
    });
    expect(toApiError(thrown).toData()).toEqual({
      code: 'usp-error',
      message: `The agent answered with error ${USP_ERR_INVALID_PATH}: no such object`,
      uspErrCode: USP_ERR_INVALID_PATH,
      paramErrors: [{ path: 'Device.X.1.Y', errCode: USP_ERR_INVALID_VALUE, errMsg: 'bad' }],
    });
  });

  it.each([
    [new RequestTimeoutError('proto::a', 'm1', 5000), 'timeout'],
    [new AgentUnreachableError('proto::a', 'no address'), 'agent-offline'],
    [new AgentNotApprovedError('proto::a', 'held'), 'agent-not-approved'],
    [new TransportError('broker down', 'mqtt-1'), 'transport-error'],
    [new StoreError('no snapshot 9', 'not-found'), 'not-found'],
    [new StoreError('bad file', 'invalid-input'), 'invalid-argument'],
    [new Error('surprise'), 'internal'],
    ['a string', 'internal'],
  ])('maps %s to %s', (thrown, code) => {
    expect(toApiError(thrown).code).toBe(code);
  });

  it('passes a ConsoleApiError through unchanged', () => {
    const error = new ConsoleApiError({ code: 'conflict', message: 'busy' });
    expect(toApiError(error)).toBe(error);
  });
});

describe('toErrorBody', () => {
  it('is plain data without a stack', () => {
    const body = toErrorBody(new Error('boom'));
    expect(body).toEqual({ code: 'internal', message: 'boom' });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });
});
