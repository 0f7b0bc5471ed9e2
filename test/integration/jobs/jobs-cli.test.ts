import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../src/main/api/hosts/web/web-host';
import type { App } from '../../../src/main/app/create-app';
import { jobFileSchema } from '../../../src/shared/jobs/job-file';
import type { SimFleet } from '../../../src/main/sim/sim-fleet';
import { collectWarnings, freePort, startMosquitto, tempDir, type MosquittoBroker } from '../../helpers';
import { startCli } from '../cli/cli-capture';
import { startAgents, startConsole } from './jobs-fleet';

const SSID = 'Device.WiFi.SSID.1.SSID';

let broker: MosquittoBroker;
let app: App;
const { warn, warnings } = collectWarnings();
let host: WebHost;
let fleet: SimFleet;
let dir: string;

beforeAll(async () => {
  broker = await startMosquitto();
  app = await startConsole(broker, warn);
  fleet = await startAgents(broker, app, 4, 'proto::cli-job-');
  host = await startWebHost({ rendererDir: await tempDir(), dispatcher: app.dispatcher, port: 0, automation: { jobs: app.jobs, listAgents: () => app.api.listAgents(), approveAgent: (id) => app.api.approveAgent(id), version: 'test' } });
  dir = await tempDir();
}, 60_000);

afterAll(async () => {
  await host?.close();
  await fleet?.stop();
  await app?.close();
  await broker?.stop();
  expect(warnings).toEqual([]);
});

async function cli(...argv: string[]) {
  const run = startCli('job', ...argv, '--console', host.url);
  const code = await run.exit;
  return { code, stdout: run.stdout, stderr: run.stderr };
}

describe('usp-console job (a client of /api/v1)', () => {
  it('previews and runs a job file, lists, shows, reports and rolls back', async () => {
    const file = join(dir, 'ssid.json');
    await writeFile(file, JSON.stringify({ name: 'cli ssid', targets: { filter: 'mtp=="mqtt"' }, operation: { kind: 'set', params: { [SSID]: 'cli-{serial}' } } }));
    const preview = await cli('preview', file);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ total: 4 });
    const run = await cli('run', file);
    expect(run.code, run.stderr).toBe(0);
    const job = JSON.parse(run.stdout) as { id: string; state: string };
    expect(job.state).toBe('succeeded');
    expect(fleet.agents.every((a) => a.model.get(SSID) === `cli-${a.model.get('Device.DeviceInfo.SerialNumber')}`)).toBe(true);
    expect(JSON.parse((await cli('list')).stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: job.id })]));
    expect(JSON.parse((await cli('list', '--limit', '1')).stdout)).toEqual([expect.objectContaining({ id: job.id })]);
    const badLimit = await cli('list', '--limit', '0');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit is a whole number of jobs from 1');
    expect(JSON.parse((await cli('show', job.id)).stdout).steps).toHaveLength(4);
    const csv = await cli('report', job.id, '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('endpointId,state,attempts,errorCode,errorMessage,path,before,after');
    expect(csv.stdout.split('\r\n')).toHaveLength(6);
    const rollback = await cli('rollback', job.id);
    expect(rollback.code).toBe(0);
    const rollbackId = (JSON.parse(rollback.stdout) as { id: string }).id;
    await app.jobs.whenSettled(rollbackId);
    expect(fleet.agents.every((a) => a.model.get(SSID) === 'Acme-7F10')).toBe(true);
  }, 60_000);

  it('exits 1 when some steps failed, 2 on a refused request, 3 when the console cannot be reached', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ name: 'fails', targets: { filter: 'mtp=="mqtt"' }, operation: { kind: 'set', params: { 'Device.WiFi.Radio.1.Channel': 'x' } }, options: { canary: 0 } }));
    const failed = await cli('run', file);
    expect(failed.code).toBe(1);
    const failedJob = JSON.parse(failed.stdout) as { id: string; counts: { failed: number } };
    expect(failedJob.counts.failed).toBeGreaterThan(0);
    // Retry one failure group: error code, model and software version.
    const step = app.jobs.get(failedJob.id).steps.find((s) => s.state === 'failed')!;
    const agent = app.store.agents.get(step.endpointId)!;
    const none = await cli('retry', failedJob.id, '--code', step.errorCode!, '--model', 'no-such-model');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`has no failed steps with error ${step.errorCode}, model no-such-model to retry`);
    const group = await cli('retry', failedJob.id, '--code', step.errorCode!, '--model', agent.modelName!, '--software-version', agent.softwareVersion!);
    expect(group.code, group.stderr).toBe(0);
    expect(JSON.parse(group.stdout)).toMatchObject({ id: failedJob.id, state: 'running' });
    await app.jobs.whenSettled(failedJob.id);
    const audit = app.store.audit.list().find((a) => a.action === 'job.retry' && a.detail?.includes(failedJob.id));
    expect(audit?.detail).toContain(`${failedJob.counts.failed} steps with error ${step.errorCode}, model ${agent.modelName}, software version ${agent.softwareVersion}`);
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ name: 'x', targets: { filter: 'modle=="x"' }, operation: { kind: 'get', paths: [SSID] } }));
    const refused = await cli('run', invalid);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('unknown agent field "modle" at 0');
    // More jobs than one page holds (500): `job list` follows the pages, --limit stops early.
    const before = app.jobs.page({ limit: 500 }).jobs.length;
    const oldFile = jobFileSchema.parse({ name: 'old', targets: { agents: ['proto::x'] }, operation: { kind: 'get', paths: [SSID] } });
    for (let i = 0; i < 501; i++) app.store.jobs.create({ id: `old-${i}`, file: oldFile, state: 'succeeded', parentId: null, steps: [] }, 1000 + i);
    const listed = JSON.parse((await cli('list')).stdout) as { id: string }[];
    expect(listed).toHaveLength(before + 501);
    expect(new Set(listed.map((j) => j.id)).size).toBe(before + 501);
    expect(listed.at(-1)!.id).toBe('old-0');
    expect((JSON.parse((await cli('list', '--limit', String(before + 2))).stdout) as { id: string }[]).slice(-2).map((j) => j.id)).toEqual(['old-500', 'old-499']);
    expect((await cli('list', '--quiet', '--limit', String(before + 2))).stdout.trim().split('\n')).toEqual(listed.slice(0, before + 2).map((j) => j.id));
    const port = await freePort();
    const unreachable = startCli('job', 'list', '--console', `http://127.0.0.1:${port}/?token=x`);
    expect(await unreachable.exit).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the console');
    const saved = process.env.USP_CONSOLE_URL;
    delete process.env.USP_CONSOLE_URL;
    const noConsole = startCli('job', 'list');
    expect(await noConsole.exit).toBe(2);
    expect(noConsole.stderr).toContain('give --console URL');
    if (saved !== undefined) process.env.USP_CONSOLE_URL = saved;
  }, 60_000);
});
