import type { z } from 'zod';
import { ConsoleApiError } from '../../shared/api/errors';

/** Receives every event the backend pushes to the UI. */
export type EventListener = (event: string, payload: unknown) => void;

/**
 * What both hosts (Electron IPC, the web bridge) need from the backend: call a method by
 * name with untrusted arguments, and hear events. Arguments are validated here, once, for
 * both hosts (architecture rule 6: every value crossing a process boundary is validated).
 */
export interface ApiDispatcher {
  readonly methods: readonly string[];
  /** Resolves with the result or rejects with a ConsoleApiError. */
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(listener: EventListener): () => void;
}

export interface DispatcherOptions {
  /** The method names callable from the UI, e.g. consoleApiMethods. */
  methods: readonly string[];
  /** One schema per method for its argument list (a tuple). */
  schemas: Readonly<Record<string, z.ZodType<readonly unknown[]>>>;
  /** The implementation: an object with one async function per method. */
  target: object;
  /** Subscribes to the implementation's events. */
  subscribe(listener: EventListener): () => void;
}

export function createApiDispatcher(options: DispatcherOptions): ApiDispatcher {
  const missing = options.methods.filter((m) => !options.schemas[m] || typeof Reflect.get(options.target, m) !== 'function');
  if (missing.length > 0) throw new Error(`ConsoleApi methods without a schema or implementation: ${missing.join(', ')}`);
  const known = new Set(options.methods);

  return {
    methods: options.methods,
    async call(method, params) {
      if (!known.has(method)) {
        throw new ConsoleApiError({ code: 'invalid-argument', message: `Unknown method "${method}".` });
      }
      const schema = options.schemas[method]!;
      const args = params === undefined ? [] : params;
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        throw new ConsoleApiError({ code: 'invalid-argument', message: `Invalid arguments for ${method}: ${describeIssues(parsed.error)}` });
      }
      const fn = Reflect.get(options.target, method) as (...a: unknown[]) => unknown;
      return await fn.apply(options.target, [...parsed.data]);
    },
    onEvent: options.subscribe,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const [index, ...rest] = issue.path;
      const where = typeof index === 'number' ? `argument ${index + 1}${rest.length > 0 ? ` (${rest.map(String).join('.')})` : ''}` : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
