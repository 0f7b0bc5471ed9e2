import { describe, expect, it } from 'vitest';
import { ConsoleApiError, consoleApiMethods, type ConsoleApi, type ConsoleApiErrorData } from '../../../src/shared/console-api';
import { withConsoleApiErrors } from '../../../src/shared/with-console-api-errors';

/** An API shaped like the Electron preload's: failed calls reject with plain ConsoleApiErrorData. */
function preloadLike(failure: unknown, listeners: string[] = []): ConsoleApi {
  const api: Record<string, unknown> = {
    on: (event: string) => {
      listeners.push(event);
      return () => undefined;
    },
  };
  for (const method of consoleApiMethods) api[method] = async () => Promise.reject(failure);
  api.getAppInfo = async () => ({ version: '1', host: 'electron', controllerEndpointId: 'self::x', dataDir: '/d' });
  return api as unknown as ConsoleApi;
}

describe('withConsoleApiErrors', () => {
  it('turns the plain error data the preload rejects with into a ConsoleApiError with the same fields', async () => {
    const data: ConsoleApiErrorData = { code: 'usp-error', message: 'The agent answered with error 7004.', uspErrCode: 7004 };
    const api = withConsoleApiErrors(preloadLike(data));
    const failure = await api.listAgents().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConsoleApiError);
    expect(failure).toMatchObject(data);
  });

  it('makes anything else thrown an internal ConsoleApiError', async () => {
    const failure = await withConsoleApiErrors(preloadLike(new TypeError('boom'))).getSettings().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConsoleApiError);
    expect(failure).toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('passes results and event subscriptions through', async () => {
    const listeners: string[] = [];
    const api = withConsoleApiErrors(preloadLike(null, listeners));
    expect(await api.getAppInfo()).toMatchObject({ host: 'electron' });
    api.on('agents', () => undefined);
    expect(listeners).toEqual(['agents']);
  });
});
