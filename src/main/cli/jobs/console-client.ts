// The CLI's client of a running console's automation API (/api/v1): the URL `serve` prints
// (token included) comes from --console or USP_CONSOLE_URL.

export class ConsoleUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleUnreachableError';
  }
}

/** The console answered with an error: `{ error: { code, message } }`. */
export class ConsoleHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleHttpError';
  }
}

export interface ConsoleClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  text(path: string): Promise<string>;
}

/** `http://127.0.0.1:8777/?token=abc` → base http://127.0.0.1:8777/api/v1 and bearer abc. */
export function consoleClient(consoleUrl: string, timeoutMs = 60_000): ConsoleClient {
  let url: URL;
  try {
    url = new URL(consoleUrl);
  } catch {
    throw new ConsoleHttpError(0, 'usage', `--console: "${consoleUrl}" is not a URL (use the address usp-console serve prints)`);
  }
  const token = url.searchParams.get('token');
  if (!token) throw new ConsoleHttpError(0, 'usage', '--console: the URL has no ?token= (use the address usp-console serve prints)');
  const base = `${url.protocol}//${url.host}/api/v1`;
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ConsoleUnreachableError(`cannot reach the console at ${url.host}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
    }
    if (!res.ok) {
      const parsed = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new ConsoleHttpError(res.status, parsed?.error?.code ?? 'http', parsed?.error?.message ?? `HTTP ${res.status}`);
    }
    return res;
  };
  return {
    request: async <T>(method: string, path: string, body?: unknown) => (await (await call(method, path, body)).json()) as T,
    text: async (path) => (await call('GET', path)).text(),
  };
}
