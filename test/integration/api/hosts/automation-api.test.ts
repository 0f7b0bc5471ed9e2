import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../../src/main/api/hosts/web/web-host';
import { authCookieName } from '../../../../src/main/api/hosts/web/web-auth';
import { createApp, type App } from '../../../../src/main/app/create-app';
import { jobFileSchema } from '../../../../src/shared/jobs/job-file';
import type { JobProgressEvent, JobSummary } from '../../../../src/shared/jobs/job-model';
import { waitUntil } from '../../../helpers';
import { tempDir } from '../../../helpers/temp-dir';
import { collectWarnings } from '../../../helpers/warnings';

interface Reply {
  status: number;
  type: string;
  body: string;
  json: () => unknown;
}

let app: App;
const { warn, warnings } = collectWarnings();
let host: WebHost;

function call(method: string, path: string, options: { body?: string; headers?: Record<string, string>; auth?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : { Authorization: `Bearer ${host.token}` }), ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ host: host.host, port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const SSID = 'Device.WiFi.SSID.1.SSID';
const jobFile = (extra: object = {}) => JSON.stringify({ name: 'ssid', targets: { filter: 'tag=="lab"' }, operation: { kind: 'set', params: { [SSID]: 'lab-{serial}' } }, ...extra });

beforeAll(async () => {
  app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
  // Two known agents, offline (nothing connects in this test): previews come from the cache.
  for (const id of ['proto::a1', 'proto::a2']) {
    app.store.upsertAgent(id, { tags: ['lab'], serialNumber: `SN-${id.slice(-2)}`, approval: 'approved' });
    app.store.applyValueChange(id, SSID, 'old', 1);
  }
  host = await startWebHost({ rendererDir: await tempDir(), dispatcher: app.dispatcher, port: 0, automation: { jobs: app.jobs, listAgents: () => app.api.listAgents(), approveAgent: (id) => app.api.approveAgent(id), version: 'test' } });
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  expect(warnings).toEqual([]);
});

describe('automation API /api/v1', () => {
  it('needs the bearer token: 401 without it, and a cookie or ?token= alone is refused', async () => {
    const none = await call('GET', '/api/v1/jobs', { auth: false });
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } });
    expect((await call('GET', '/api/v1/jobs', { auth: false, headers: { Cookie: `${authCookieName(host.port)}=${host.token}` } })).status).toBe(401);
    expect((await call('GET', `/api/v1/jobs?token=${host.token}`, { auth: false })).status).toBe(401);
    expect((await call('GET', '/api/v1/jobs', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call('GET', '/api/v1/agents')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ agentId: 'proto::a1' })]));
  });

  it('answers 400 with what was wrong for a bad job file, bad JSON or a bad filter', async () => {
    const bad = await call('POST', '/api/v1/jobs', { body: JSON.stringify({ name: 'x', targets: { agents: [] }, operation: { kind: 'set', params: {} } }) });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid-input', message: expect.stringMatching(/targets.*operation\.params: at least one parameter/) } });
    const notJson = await call('POST', '/api/v1/jobs', { body: '{"name":' });
    expect(notJson.json()).toMatchObject({ error: { code: 'invalid-json' } });
    expect(notJson.status).toBe(400);
    const filter = await call('POST', '/api/v1/jobs/preview', { body: jobFile({ targets: { filter: 'tag="lab"' } }) });
    expect(filter.json()).toEqual({ error: { code: 'invalid-input', message: 'invalid job file: targets.filter: tag="lab": "=" is not an operator (use "==") at 3' } });
    expect((await call('POST', '/api/v1/jobs', { body: jobFile(), headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    expect((await call('GET', '/api/v1/jobs/nope')).status).toBe(404);
    expect((await call('GET', '/api/v1/nothing')).json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('previews, starts, shows, cancels and reports a job', async () => {
    const preview = await call('POST', '/api/v1/jobs/preview', { body: jobFile() });
    expect(preview.status).toBe(200);
    expect(preview.json()).toMatchObject({ total: 2, counts: { offline: 2 }, agents: [{ endpointId: 'proto::a1', items: [{ path: SSID, current: 'old', next: 'lab-SN-a1' }] }, {}] });
    const started = await call('POST', '/api/v1/jobs', { body: jobFile({ options: { canary: 0 } }) });
    expect(started.status).toBe(201);
    const id = (started.json() as { id: string }).id;
    const shown = (await call('GET', `/api/v1/jobs/${id}`)).json() as { state: string; steps: { state: string }[] };
    expect(shown.state).toBe('running');
    expect(shown.steps.map((s) => s.state)).toEqual(['waiting-offline', 'waiting-offline']);
    expect((await call('POST', `/api/v1/jobs/${id}/resume`)).status).toBe(409);
    expect((await call('POST', `/api/v1/jobs/${id}/cancel`)).json()).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 } });
    expect((await call('GET', '/api/v1/jobs')).json()).toEqual({ jobs: [expect.objectContaining({ id, state: 'cancelled' })], next: null });
    const csv = await call('GET', `/api/v1/jobs/${id}/report?format=csv`);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')).toEqual(['endpointId,state,attempts,errorCode,errorMessage,path,before,after', 'proto::a1,cancelled,0,,,,,', 'proto::a2,cancelled,0,,,,,', '']);
    expect((await call('GET', `/api/v1/jobs/${id}/report?format=xml`)).status).toBe(400);
    expect((await call('POST', `/api/v1/jobs/${id}/retry`, { body: JSON.stringify({ errorCode: '7004' }) })).status).toBe(409);
    // A failure group of the job page: error code, model and software version (or the agents it lists).
    const group = await call('POST', `/api/v1/jobs/${id}/retry`, { body: JSON.stringify({ errorCode: '7004', model: 'RG-1', softwareVersion: null }) });
    expect(group.json()).toEqual({ error: { code: 'conflict', message: `job ${id} has no failed steps with error 7004, model RG-1, software version unknown to retry` } });
    const badGroup = await call('POST', `/api/v1/jobs/${id}/retry`, { body: JSON.stringify({ model: 3, endpointIds: [] }) });
    expect(badGroup.status).toBe(400);
    expect(badGroup.json()).toMatchObject({ error: { code: 'invalid-input', message: expect.stringMatching(/model: .*endpointIds: /) } });
  });

  it('lists jobs newest first, one page at a time, without repeating or skipping jobs created in the same millisecond', async () => {
    const file = jobFileSchema.parse({ name: 'paged', targets: { agents: ['proto::a1'] }, operation: { kind: 'get', paths: [SSID] } });
    // Seven jobs created at two instants (ties are ordered by id), all newer than the others.
    const at = Date.now() + 60_000;
    for (const [i, id] of ['p-3', 'p-1', 'p-7', 'p-5', 'p-2', 'p-6', 'p-4'].entries()) app.store.jobs.create({ id, file, state: 'succeeded', parentId: null, steps: [] }, at + (i < 3 ? 1 : 0));
    const all = (await call('GET', '/api/v1/jobs?limit=500')).json() as { jobs: JobSummary[]; next: string | null };
    expect(all.next).toBeNull();
    expect(all.jobs.slice(0, 7).map((j) => j.id)).toEqual(['p-7', 'p-3', 'p-1', 'p-6', 'p-5', 'p-4', 'p-2']);
    const paged: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = (await call('GET', `/api/v1/jobs?limit=3${before === null ? '' : `&before=${encodeURIComponent(before)}`}`)).json() as { jobs: JobSummary[]; next: string | null };
      expect(page.jobs.length).toBeLessThanOrEqual(3);
      paged.push(...page.jobs.map((j) => j.id));
      before = page.next;
      pages++;
    } while (before !== null);
    expect(paged).toEqual(all.jobs.map((j) => j.id));
    expect(pages).toBe(Math.ceil(all.jobs.length / 3));
    const limited = (await call('GET', '/api/v1/jobs?limit=2')).json() as { jobs: JobSummary[]; next: string };
    expect(limited.jobs.map((j) => j.id)).toEqual(['p-7', 'p-3']);
    expect((await call('GET', `/api/v1/jobs?limit=5&before=${limited.next}`)).json()).toMatchObject({ jobs: [{ id: 'p-1' }, { id: 'p-6' }, { id: 'p-5' }, { id: 'p-4' }, { id: 'p-2' }] });
    for (const bad of ['limit=0', 'limit=501', 'limit=x']) {
      const r = await call('GET', `/api/v1/jobs?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.json()).toMatchObject({ error: { code: 'invalid-input', message: expect.stringContaining('limit') } });
    }
    expect((await call('GET', '/api/v1/jobs?before=bm90LWEtY3Vyc29y')).json()).toEqual({ error: { code: 'invalid-input', message: 'before: "bm90LWEtY3Vyc29y" is not a cursor this API gave (use the "next" of a page)' } });
  });

  it('offers the same jobs through the ConsoleApi, with batched progress events', async () => {
    const events: JobProgressEvent[] = [];
    const off = app.api.on('jobs', (batch) => events.push(...batch));
    try {
      await expect(app.dispatcher.call('previewJob', [JSON.parse(jobFile())])).resolves.toMatchObject({ total: 2 });
      await expect(app.dispatcher.call('startJob', [{ name: 'x' }])).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('invalid job file') });
      const job = (await app.dispatcher.call('startJob', [JSON.parse(jobFile())])) as JobSummary;
      await app.dispatcher.call('controlJob', [job.id, 'cancel']);
      await expect(app.dispatcher.call('controlJob', [job.id, 'pause'])).rejects.toMatchObject({ code: 'conflict' });
      await expect(app.dispatcher.call('getJob', ['missing'])).rejects.toMatchObject({ code: 'not-found' });
      await expect(app.dispatcher.call('retryJob', [job.id, { errorCode: '7004', colour: 'red' }])).rejects.toMatchObject({ code: 'invalid-argument' });
      await expect(app.dispatcher.call('retryJob', [job.id, { endpointIds: ['proto::a1'] }])).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('among 1 agents') });
      await waitUntil(() => events.some((e) => e.job.id === job.id && e.job.state === 'cancelled'), 'the cancelled event');
      // Step changes are coalesced per interval: waiting-offline then cancelled arrives as the latest state only.
      const ofJob = events.filter((e) => e.job.id === job.id);
      expect(ofJob.length).toBeLessThanOrEqual(2);
      expect(ofJob.at(-1)!.steps.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
    } finally {
      off();
    }
  });

  it('never returns the secrets of a firmware job (details, reports, the ConsoleApi, the audit log), and keeps them for the engine', async () => {
    const url = 'https://fw:url-pw@fw.example.net/images/gw-2.0.img';
    const file = { name: 'fw', targets: { agents: ['proto::a1'] }, operation: { kind: 'firmware', url, username: 'fw', password: 's3cret', expectedVersion: '2.0' } };
    const started = await call('POST', '/api/v1/jobs', { body: JSON.stringify(file) });
    expect(started.status).toBe(201);
    const id = (started.json() as { id: string }).id;
    const shown = await call('GET', `/api/v1/jobs/${id}`);
    expect(shown.json()).toMatchObject({ file: { operation: { url: 'https://fw:********@fw.example.net/images/gw-2.0.img', username: 'fw', password: '********' } } });
    await call('POST', `/api/v1/jobs/${id}/cancel`);
    const outputs = [
      shown.body,
      (await call('GET', `/api/v1/jobs/${id}`)).body,
      (await call('GET', `/api/v1/jobs/${id}/report?format=json`)).body,
      (await call('GET', `/api/v1/jobs/${id}/report?format=csv`)).body,
      JSON.stringify(await app.dispatcher.call('getJob', [id])),
      JSON.stringify(await app.dispatcher.call('exportJobReport', [id, 'json'])),
      JSON.stringify(app.store.audit.list()),
    ];
    for (const text of outputs) expect(text).not.toMatch(/s3cret|url-pw/);
    expect(app.store.jobs.get(id)?.file?.operation).toMatchObject({ url, password: 's3cret' });
  });

  it('serves an OpenAPI 3.1 document whose references all resolve, built from the request schemas', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking an arbitrary JSON document
    const doc = (await call('GET', '/api/v1/openapi.json')).json() as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeTypeOf('object');
    }
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string; responses: object }>>).flatMap((p) => Object.values(p));
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const o of operations) expect(Object.keys(o.responses).length).toBeGreaterThan(0);
    for (const path of ['/agents', '/agents/{endpointId}/approve', '/jobs/preview', '/jobs', '/jobs/{id}', '/jobs/{id}/pause', '/jobs/{id}/resume', '/jobs/{id}/cancel', '/jobs/{id}/retry', '/jobs/{id}/rollback', '/jobs/{id}/report']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.JobFile.required).toEqual(['name', 'targets', 'operation']);
    expect(Object.keys(doc.components.schemas.RetryRequest.properties)).toEqual(['errorCode', 'model', 'softwareVersion', 'endpointIds']);
    expect(doc.paths['/jobs'].get.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, description: expect.stringContaining('per page'), schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) },
      { name: 'before', in: 'query', required: false, description: expect.stringContaining('next'), schema: expect.objectContaining({ type: 'string' }) },
    ]);
    expect(doc.components.schemas.JobPage.required).toEqual(['jobs', 'next']);
    expect(doc.components.schemas.JobFile.properties.operation.oneOf ?? doc.components.schemas.JobFile.properties.operation.anyOf).toHaveLength(8);
  });
});
