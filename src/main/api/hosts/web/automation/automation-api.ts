// The JSON automation API under /api/v1 (issue 10): bearer token only, so a page on another
// origin that rides on the browser's cookie gets 401; bodies are bounded and validated; every
// error is `{ "error": { "code", "message" } }`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { jobListQuerySchema, previewQuerySchema, reportQuerySchema, retryBodySchema, settledQuerySchema } from '../../../../../shared/jobs/api-schemas';
import { ConsoleApiError } from '../../../../../shared/api/errors';
import type { AgentSummary } from '../../../../../shared/api/agents';
import { JobInputError, JobNotFoundError, JobStateError } from '../../../../services/jobs/job-errors';
import type { JobsService } from '../../../../services/jobs/jobs-service';
import { tokenMatches } from '../web-auth';
import { openApiDocument } from './openapi';

export const AUTOMATION_PREFIX = '/api/v1/';

/** A job file for 100,000 agents fits; anything bigger is refused before it is parsed. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface AutomationDeps {
  jobs: JobsService;
  listAgents(): Promise<AgentSummary[]>;
  approveAgent(endpointId: string): Promise<AgentSummary>;
  version: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type AutomationHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createAutomationHandler(deps: AutomationDeps, token: string): AutomationHandler {
  return async (req, res, url) => {
    try {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!tokenMatches(token, bearer)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        throw new HttpError(401, 'unauthorized', 'send Authorization: Bearer <token> (the token usp-console serve printed); cookies are not accepted here');
      }
      await route(deps, req, res, url);
    } catch (err) {
      const e = toHttpError(err);
      send(res, e.status, { error: { code: e.code, message: e.message } });
    }
  };
}

async function route(deps: AutomationDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.slice(AUTOMATION_PREFIX.length).split('/').map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const is = (m: string, ...pattern: string[]): boolean => m === method && pattern.length === parts.length && pattern.every((p, i) => p === '*' || p === parts[i]);
  const { jobs } = deps;
  if (is('GET', 'openapi.json')) return send(res, 200, openApiDocument(deps.version));
  if (is('GET', 'agents')) return send(res, 200, await deps.listAgents());
  if (is('POST', 'agents', '*', 'approve')) return send(res, 200, await deps.approveAgent(parts[1]!));
  if (is('POST', 'jobs', 'preview')) {
    const query = parse(previewQuerySchema, Object.fromEntries(url.searchParams), 'query');
    return send(res, 200, await jobs.preview(await readJson(req), { refresh: query.refresh === 'true' }));
  }
  if (is('GET', 'jobs')) return send(res, 200, jobs.page(parse(jobListQuerySchema, Object.fromEntries(url.searchParams), 'query')));
  if (is('POST', 'jobs')) return send(res, 201, jobs.start(await readJson(req)));
  if (is('GET', 'groups')) return send(res, 200, jobs.groups());
  if (is('POST', 'groups')) return send(res, 200, jobs.saveGroup(await readJson(req)));
  const id = parts[1]!;
  if (is('GET', 'jobs', '*')) return send(res, 200, jobs.get(id));
  if (is('POST', 'jobs', '*', 'pause')) return send(res, 200, jobs.pause(id));
  if (is('POST', 'jobs', '*', 'resume')) return send(res, 200, jobs.resume(id));
  if (is('POST', 'jobs', '*', 'cancel')) return send(res, 200, jobs.cancel(id));
  if (is('POST', 'jobs', '*', 'rollback')) return send(res, 201, jobs.rollback(id));
  if (is('GET', 'jobs', '*', 'rollback')) return send(res, 200, jobs.rollbackPreview(id));
  if (is('POST', 'jobs', '*', 'retry')) {
    const body = parse(retryBodySchema, (await readJson(req, true)) ?? {}, 'body');
    return send(res, 200, jobs.retry(id, body));
  }
  if (is('GET', 'jobs', '*', 'report')) {
    const { format } = parse(reportQuerySchema, Object.fromEntries(url.searchParams), 'query');
    if (format === 'csv') {
      const csv = jobs.reportCsv(id);
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="job-${id}.csv"` });
      res.end(csv);
      return;
    }
    return send(res, 200, jobs.report(id));
  }
  if (is('GET', 'jobs', '*', 'settled')) {
    const { timeoutMs } = parse(settledQuerySchema, Object.fromEntries(url.searchParams), 'query');
    return send(res, 200, await settledWithin(jobs, id, timeoutMs));
  }
  throw new HttpError(404, 'not-found', `no route ${method} ${url.pathname}`);
}

/** Long poll for clients that wait for a job (the CLI's `job run`): answers at the latest after `ms`. */
function settledWithin(jobs: JobsService, id: string, ms: number): Promise<unknown> {
  jobs.summary(id);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(jobs.summary(id)), ms);
    void jobs.whenSettled(id).then((summary) => {
      clearTimeout(timer);
      resolve(summary);
    });
  });
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid-input', `invalid ${where}: ${r.error.issues.map((i) => `${i.path.map(String).join('.') || where}: ${i.message}`).join('; ')}`);
  return r.data;
}

async function readJson(req: IncomingMessage, optional = false): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) {
    if (optional) return undefined;
    throw new HttpError(400, 'invalid-input', 'a JSON body is required');
  }
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send Content-Type: application/json');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw new HttpError(400, 'invalid-json', `the body is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof JobInputError) return new HttpError(400, 'invalid-input', err.message);
  if (err instanceof JobNotFoundError) return new HttpError(404, 'not-found', err.message);
  if (err instanceof JobStateError) return new HttpError(409, 'conflict', err.message);
  if (err instanceof ConsoleApiError) return new HttpError(err.code === 'not-found' ? 404 : 400, err.code, err.message);
  return new HttpError(500, 'internal', err instanceof Error ? err.message : String(err));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
