import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync } from 'mqtt';
import { buildGet, parseGetResp } from '../../../src/main/usp/messages';
import { buildMsgRecord, parseRecord } from '../../../src/main/usp/record';
import { decodeMsg, decodeRecord } from '../../../src/main/usp/codec';
import { DEFAULT_SESSION_LIMITS } from '../../../src/main/usp/session/session-context';
import { SessionEndpoint } from '../../../src/main/usp/session/session-endpoint';
import { readSessionRecord } from '../../../src/main/usp/session/session-record';
import { removeTempDir, startMosquitto, tempDir, waitUntil, type MosquittoBroker } from '../../helpers';
import { syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { CLI_ENTRY } from '../../helpers/cli';

const ROOT = join(import.meta.dirname, '../../..');

function runSim(args: string[]) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'sim', ...args], { cwd: ROOT });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

describe('usp-console sim', () => {
  let broker: MosquittoBroker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('runs N agents over MQTT, prints their Endpoint IDs, answers requests and stops on SIGTERM', async () => {
    const controller = await connectAsync(broker.url, { protocolVersion: 5, clientId: 'cli-test-controller' });
    const replies: string[] = [];
    controller.on('message', (_t, payload) => {
      const { record, msg } = parseRecord(new Uint8Array(payload));
      if (msg?.header?.msg_id === 'cli-get') replies.push(`${record.from_id}=${parseGetResp(msg).requestedPaths[0]?.resolved[0]?.params.ProductClass ?? ''}`);
    });
    await controller.subscribeAsync('usp/controller/cli/#');
    const sim = runSim(['--agents', '3', '--id-prefix', 'proto::cli-', '--controller-id', 'self::cli', '--mqtt', broker.url, '--mqtt-version', '3.1.1']);
    try {
      await waitUntil(() => sim.out.stdout.trim().split('\n').length === 3, 'three Endpoint IDs on stdout', 30_000);
      expect(sim.out.stdout.trim().split('\n').sort()).toEqual(['proto::cli-1', 'proto::cli-2', 'proto::cli-3']);
      const record = Buffer.from(buildMsgRecord({ toId: 'proto::cli-2', fromId: 'self::cli', msg: buildGet('cli-get', ['Device.DeviceInfo.ProductClass']) }));
      await controller.publishAsync(`usp/agent/cli-2/reply-to=${encodeURIComponent('usp/controller/cli')}`, record);
      await waitUntil(() => replies.length === 1, 'the GetResp');
      expect(replies).toEqual(['proto::cli-2=HGW5400']);
    } finally {
      sim.child.kill('SIGTERM');
      await controller.endAsync();
    }
    expect(await sim.exited).toBe(0);
  });

  it('refuses to start without exactly one transport', async () => {
    const sim = runSim(['--agents', '2']);
    expect(await sim.exited).toBe(2);
    expect(sim.out.stderr).toContain('give exactly one of --mqtt, --stomp or --ws-connect');
  });

  it('answers in an E2E session context segmented to --max-record-size under --e2e-session Require', async () => {
    const controller = await connectAsync(broker.url, { protocolVersion: 5, clientId: 'cli-test-e2e' });
    const session = new SessionEndpoint({
      addressing: { fromId: 'self::cli-e2e', toId: 'proto::cli-e2e-1' },
      limits: DEFAULT_SESSION_LIMITS,
      clock: Date.now,
      newSessionId: () => 2,
    });
    const sizes: number[] = [];
    const answers: string[] = [];
    controller.on('message', (_t, payload) => {
      const record = decodeRecord(new Uint8Array(payload));
      if (!record.session_context) return;
      sizes.push(payload.length);
      for (const bytes of session.receive(readSessionRecord(record.session_context)).messages) answers.push(decodeMsg(bytes).header?.msg_id ?? '');
    });
    await controller.subscribeAsync('usp/controller/cli-e2e/#');
    const sim = runSim(['--id-prefix', 'proto::cli-e2e-', '--controller-id', 'self::cli-e2e', '--mqtt', broker.url, '--mqtt-version', '3.1.1', '--e2e-session', 'Require', '--max-record-size', '512']);
    try {
      await waitUntil(() => sim.out.stdout.includes('proto::cli-e2e-1'), 'the Endpoint ID on stdout', 30_000);
      const record = Buffer.from(buildMsgRecord({ toId: 'proto::cli-e2e-1', fromId: 'self::cli-e2e', msg: buildGet('cli-e2e-get', ['Device.DeviceInfo.']) }));
      await controller.publishAsync(`usp/agent/cli-e2e-1/reply-to=${encodeURIComponent('usp/controller/cli-e2e')}`, record);
      await waitUntil(() => answers.includes('cli-e2e-get'), 'the GetResp, reassembled');
      expect(Math.max(...sizes)).toBeLessThanOrEqual(512);
      expect(sizes.length).toBeGreaterThan(2);
    } finally {
      sim.child.kill('SIGTERM');
      await controller.endAsync();
    }
    expect(await sim.exited).toBe(0);
    const bad = runSim(['--mqtt', broker.url, '--e2e-session', 'Sometimes']);
    expect(await bad.exited).toBe(2);
    expect(bad.out.stderr).toContain('--e2e-session must be Require, Allow or Forbid');
  });

  it('serves the model of a snapshot file given with --model', async () => {
    const dir = await tempDir('usp-sim-model-');
    const data = syntheticSnapshot(40);
    const file = join(dir, 'model.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'usp-console-snapshot',
        version: 1,
        generator: 'test',
        exportedAt: '2026-11-25T12:00:00Z',
        redacted: false,
        snapshot: { label: data.label, capturedAt: '2026-11-25T12:00:00Z', source: 'capture', appVersion: data.appVersion, agent: data.agent },
        counts: { objects: data.schema.length, instances: data.instances.length, values: data.values.length },
        schema: data.schema,
        instances: data.instances,
        values: data.values,
      }),
    );
    const controller = await connectAsync(broker.url, { protocolVersion: 5, clientId: 'cli-model-controller' });
    const names: string[] = [];
    controller.on('message', (_t, payload) => {
      const { msg } = parseRecord(new Uint8Array(payload));
      if (msg?.header?.msg_id === 'model-get') names.push(parseGetResp(msg).requestedPaths[0]?.resolved[0]?.params.HostName ?? '');
    });
    await controller.subscribeAsync('usp/controller/model');
    const sim = runSim(['--agents', '1', '--id-prefix', 'proto::model-', '--controller-id', 'self::model', '--mqtt', broker.url, '--model', file]);
    try {
      await waitUntil(() => sim.out.stdout.includes('proto::model-1'), 'the agent to start', 30_000);
      const record = Buffer.from(buildMsgRecord({ toId: 'proto::model-1', fromId: 'self::model', msg: buildGet('model-get', ['Device.Hosts.Host.2.HostName']) }));
      await controller.publishAsync('usp/agent/model-1', record, { properties: { responseTopic: 'usp/controller/model' } });
      await waitUntil(() => names.length === 1, 'the GetResp');
      expect(names).toEqual(['host-2, "lab" box']);
    } finally {
      sim.child.kill('SIGTERM');
      await controller.endAsync();
      await removeTempDir(dir);
    }
    expect(await sim.exited).toBe(0);
  });
});
