import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import { Store } from '../../../src/main/store/store';
import { freePort, removeTempDir, startMosquitto, tempDir, waitUntil, type MosquittoBroker } from '../../helpers';
import { cli, startCli } from './cli-capture';
import { CLI_ENTRY } from '../../helpers/cli';

const CONTROLLER_ID = 'self::cli-itest';
const CONTROLLER_TOPIC = 'usp/controller/cli-itest';
const VERSIONS = ['5', '3.1.1'] as const;

let broker: MosquittoBroker;
let dir: string;
const sims = new Map<string, SimAgent>();

const agentOf = (version: string): string => `proto::cli-v${version.replace(/\./g, '')}`;

/** The transport flags reaching the simulated agent of that MQTT version. */
function flags(version: string, timeoutS = 10): string[] {
  const id = agentOf(version);
  return ['--agent', id, '--controller-id', CONTROLLER_ID, '--mqtt', broker.url, '--mqtt-version', version, '--agent-topic', `usp/agent/${id.slice(7)}`, '--controller-topic', CONTROLLER_TOPIC, '--timeout', String(timeoutS)];
}

const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await tempDir('usp-cli-mqtt-');
  for (const version of VERSIONS) {
    const id = agentOf(version);
    const link = mqttAgentLink(id, { url: broker.url, version, agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC });
    const sim = new SimAgent({ endpointId: id, controllerId: CONTROLLER_ID, ...link, asyncCommandMs: 100, tickMs: 0 });
    await sim.start();
    sims.set(version, sim);
  }
});

afterAll(async () => {
  await Promise.all([...sims.values()].map((s) => s.stop()));
  await broker?.stop();
  if (dir) await removeTempDir(dir);
});

describe.each(VERSIONS)('usp-console one-agent commands over MQTT %s', { timeout: 60_000 }, (version) => {
  it('gets, sets, adds, deletes and lists instances, printing JSON', async () => {
    const get = await cli('get', 'Device.DeviceInfo.Manufacturer', 'Device.DeviceInfo.SerialNumber', ...flags(version));
    expect(get.code).toBe(0);
    const resolved = (json(get.stdout).requestedPaths as { resolved: { params: Record<string, string> }[] }[]).map((r) => r.resolved[0]?.params);
    expect(resolved[0]).toEqual({ Manufacturer: 'Acme Networks' });
    expect(resolved[1]?.SerialNumber).toBe(sims.get(version)?.model.get('Device.DeviceInfo.SerialNumber'));

    const set = await cli('set', 'Device.WiFi.SSID.[Alias=="cpe-ssid-main-2g"].SSID=cli-set', ...flags(version));
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('"ok": true');
    expect(sims.get(version)?.model.get('Device.WiFi.SSID.1.SSID')).toBe('cli-set');

    const add = await cli('add', 'Device.WiFi.SSID.', 'SSID=added', 'Alias=cli-added', ...flags(version));
    expect(add.code).toBe(0);
    const created = (json(add.stdout).createdObjs as { instantiatedPath: string }[])[0]?.instantiatedPath ?? '';
    expect(created).toMatch(/^Device\.WiFi\.SSID\.\d+\.$/);
    expect(sims.get(version)?.model.get(`${created}SSID`)).toBe('added');

    const instances = await cli('instances', 'Device.WiFi.SSID.', '--first-level-only', ...flags(version));
    expect(instances.code).toBe(0);
    expect(instances.stdout).toContain(created);

    const del = await cli('delete', created, ...flags(version));
    expect(del.code).toBe(0);
    expect(json(del.stdout).deletedObjs).toEqual([{ requestedPath: created, ok: true, affectedPaths: [created], unaffectedPathErrs: [] }]);
  });

  it('limits the depth of a Get with --max-depth', async () => {
    const shallow = await cli('get', 'Device.WiFi.', '--max-depth', '1', ...flags(version));
    expect(shallow.code).toBe(0);
    const paths = (json(shallow.stdout).requestedPaths as { resolved: { path: string }[] }[])[0]?.resolved.map((r) => r.path);
    expect(paths).toEqual(['Device.WiFi.']);
    const bad = await cli('get', 'Device.WiFi.', '--max-depth', 'deep', ...flags(version));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-depth must be a whole number');
  });

  it('reads the supported data model and the USP versions', async () => {
    const gsdm = await cli('gsdm', 'Device.DeviceInfo.', '--first-level-only', ...flags(version));
    expect(gsdm.code).toBe(0);
    expect(gsdm.stdout).toContain('"path": "Device.DeviceInfo."');
    const protocols = await cli('protocols', ...flags(version));
    expect(protocols.code).toBe(0);
    expect(json(protocols.stdout).versions).toEqual(['1.0', '1.1', '1.2', '1.3']);
  });

  it('exits 1 with the code, its name and the path for USP errors', async () => {
    const badPath = await cli('get', 'Device.NoSuchThing.', ...flags(version));
    expect(badPath.code).toBe(1);
    expect(badPath.stderr).toContain('Device.NoSuchThing.: USP error 7026 Invalid path');
    const readOnly = await cli('set', 'Device.DeviceInfo.Manufacturer=x', ...flags(version));
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/USP error 7021 Required parameter failed/);
    expect(readOnly.stderr).toContain('Device.DeviceInfo.Manufacturer: USP error 7013');
  });

  it('operates synchronously and, with --async, waits for the OperationComplete through a temporary subscription', async () => {
    const sync = await cli('operate', 'Device.WiFi.SSID.1.Stats.Reset()', ...flags(version));
    expect(sync.code).toBe(0);
    expect(json(sync.stdout).results).toEqual([{ executedCommand: 'Device.WiFi.SSID.1.Stats.Reset()', kind: 'sync', outputArgs: {} }]);

    const before = sims.get(version)?.model.instances('Device.LocalAgent.Subscription.').length;
    const ping = await cli(
      'operate', 'Device.IP.Diagnostics.IPPing()', 'Host=192.0.2.1', 'ProtocolVersion=Any', 'NumberOfRepetitions=2', 'Timeout=1000', 'DataBlockSize=64', '--async', ...flags(version),
    );
    expect(ping.stderr).toBe('');
    expect(ping.code).toBe(0);
    const outcome = json(ping.stdout) as { results: { kind: string; outputArgs: Record<string, string> }[]; temporarySubscription?: string };
    expect(outcome.results[0]?.kind).toBe('completed');
    expect(outcome.results[0]?.outputArgs.SuccessCount).toBe('2');
    expect(outcome.temporarySubscription).toBeDefined();
    expect(sims.get(version)?.model.instances('Device.LocalAgent.Subscription.').length).toBe(before);
  });

  it('exits 3 on a timeout and 2 on a bad path, before sending anything', async () => {
    const silent = await cli('get', 'Device.', ...flags(version, 1).map((f) => (f === agentOf(version) ? 'proto::nobody' : f)));
    expect(silent.code).toBe(3);
    expect(silent.stderr).toMatch(/timeout: no response from proto::nobody .* within 1000 ms/);
    const bad = await cli('get', 'Device.WiFi.SSID.[Enable==', ...flags(version));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad path "Device.WiFi.SSID.[Enable==": unterminated search expression at position 17');
    expect(bad.stdout).toBe('');
  });
});

describe('usp-console watch, bench and snapshot over MQTT', { timeout: 90_000 }, () => {
  it('watch --subscribe prints the ValueChange of a set as a JSON line and deletes its subscription at the end', async () => {
    const sim = sims.get('5');
    const before = sim?.model.instances('Device.LocalAgent.Subscription.').length;
    const watch = startCli('watch', '--subscribe', 'ValueChange:Device.WiFi.SSID.2.SSID', ...flags('5', 12));
    await waitUntil(() => watch.stderr.includes('watching'), 'the watch to subscribe', 30_000);
    expect(sim?.model.instances('Device.LocalAgent.Subscription.').length).toBe((before ?? 0) + 1);
    const set = await cli('set', 'Device.WiFi.SSID.2.SSID=watched', ...flags('5'));
    expect(set.code).toBe(0);
    await waitUntil(() => watch.stdout.includes('watched'), 'the ValueChange line', 15_000);
    expect(await watch.exit).toBe(0);
    const lines = watch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { endpointId: string; notification: unknown });
    expect(lines).toContainEqual(expect.objectContaining({ endpointId: agentOf('5'), notification: { kind: 'value_change', paramPath: 'Device.WiFi.SSID.2.SSID', paramValue: 'watched' } }));
    expect(watch.stderr).toMatch(/stopping \(--timeout of 12 s\)[\s\S]*deleted subscription Device\.LocalAgent\.Subscription\.\d+\./);
    expect(sim?.model.instances('Device.LocalAgent.Subscription.').length).toBe(before);
  });

  it('watch ends on SIGTERM (a real process) and deletes its subscription', async () => {
    const sim = sims.get('3.1.1');
    const before = sim?.model.instances('Device.LocalAgent.Subscription.').length ?? 0;
    const child = spawn(process.execPath, [CLI_ENTRY, 'watch', '--subscribe', 'ObjectCreation:Device.WiFi.SSID.', ...flags('3.1.1').slice(0, -2)], {
      cwd: join(import.meta.dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitUntil(() => stderr.includes('watching'), 'the watch process to subscribe', 60_000);
    expect(sim?.model.instances('Device.LocalAgent.Subscription.').length).toBe(before + 1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping (SIGTERM)');
    expect(sim?.model.instances('Device.LocalAgent.Subscription.').length).toBe(before);
  });

  it('watch refuses a path that does not suit the notification type', async () => {
    const run = await cli('watch', '--subscribe', 'ObjectCreation:Device.WiFi.SSID.1.', ...flags('5'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad ObjectCreation path');
  });

  it('bench get reports rate and latency for N requests with W in flight', async () => {
    const run = await cli('bench', 'get', 'Device.DeviceInfo.', '--requests', '60', '--in-flight', '8', ...flags('3.1.1'));
    expect(run.code).toBe(0);
    const report = json(run.stdout) as { succeeded: number; errors: number; timeouts: number; roundTripsPerSecond: number; latencyMs: { p50: number; p99: number; max: number } };
    expect(report).toMatchObject({ succeeded: 60, errors: 0, timeouts: 0 });
    expect(report.roundTripsPerSecond).toBeGreaterThan(0);
    expect(report.latencyMs.p50).toBeLessThanOrEqual(report.latencyMs.p99);
    expect(report.latencyMs.p99).toBeLessThanOrEqual(report.latencyMs.max);
  });

  it('snapshot captures the agent into the store and exports the JSON file', async () => {
    const data = join(dir, 'data');
    const out = join(dir, 'snap.json');
    const run = await cli('snapshot', '--data', data, '--out', out, '--label', 'cli test', ...flags('5', 20));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const meta = json(run.stdout) as { id: number; label: string; paramCount: number; instanceCount: number; agent: { endpointId: string; uspVersions: string[] }; failures: unknown[] };
    expect(meta).toMatchObject({ id: 1, label: 'cli test', failures: [], agent: { endpointId: agentOf('5'), uspVersions: ['1.0', '1.1', '1.2', '1.3'] } });
    expect(meta.paramCount).toBeGreaterThan(100);
    expect(meta.instanceCount).toBeGreaterThan(5);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('"Device.DeviceInfo.Manufacturer"');
    const list = await cli('snapshots', '--data', data, '--json');
    expect(list.stdout).toContain('cli test');
    // What the capture read also landed in the offline cache of that data folder (UspClient).
    const store = Store.open(data, { appVersion: 'cli-test' });
    try {
      const agent = store.agents.idOf(agentOf('5'));
      expect(agent).toBeDefined();
      expect(store.cache.valueCount(agent!)).toBeGreaterThanOrEqual(meta.paramCount);
    } finally {
      store.close();
    }
  });

  it('snapshot draws a progress bar on stderr when it is a terminal (script(1) gives it one)', async () => {
    const command = [process.execPath, CLI_ENTRY, 'snapshot', '--data', join(dir, 'tty-data'), ...flags('5', 20)].join(' ');
    // Asynchronous: the simulated agents answering it live in this process.
    const child = spawn('script', ['-qec', `${command} >/dev/null`, '/dev/null'], { cwd: join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    let terminal = '';
    child.stdout.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    expect(status).toBe(0);
    expect(terminal).toMatch(/\rdata model +\[#{30}\] 100% 1\/1/);
    expect(terminal).toMatch(/\rsaving +\[#{30}\] 100%/);
  });

  it('exits 3 when the broker cannot be reached and 2 for missing or conflicting transport flags', async () => {
    const port = await freePort();
    const down = await cli('get', 'Device.', '--agent', 'proto::x', '--mqtt', `mqtt://127.0.0.1:${port}`, '--agent-topic', 'usp/agent/x', '--timeout', '2');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/unreachable|ECONNREFUSED/);
    const none = await cli('get', 'Device.', '--agent', 'proto::x');
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('give one transport');
    const two = await cli('get', 'Device.', '--agent', 'proto::x', '--mqtt', broker.url, '--uds', '/tmp/x.sock');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give only one transport, not --mqtt and --uds');
    const noTopic = await cli('get', 'Device.', '--agent', 'proto::x', '--mqtt', broker.url);
    expect(noTopic.stderr).toContain('--mqtt needs --agent-topic');
  });
});
