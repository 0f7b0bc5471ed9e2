import { consoleApiMethods, toConsoleApiError, type ConsoleApi } from './console-api';

/**
 * The same ConsoleApi whose every failed call rejects with a ConsoleApiError. Electron's preload
 * can only reject with plain ConsoleApiErrorData (contextBridge copies an Error's message and
 * nothing else), while the web client rejects with ConsoleApiError; wrapped, both hosts fail
 * the same way for the renderer.
 */
export function withConsoleApiErrors(api: ConsoleApi): ConsoleApi {
  const wrapped: Record<string, unknown> = { on: api.on.bind(api) };
  for (const method of consoleApiMethods) {
    const call = api[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await call.apply(api, args);
      } catch (thrown) {
        throw toConsoleApiError(thrown);
      }
    };
  }
  return wrapped as unknown as ConsoleApi;
}
