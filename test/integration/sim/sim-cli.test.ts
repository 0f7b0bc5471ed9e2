import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync } from 'mqtt';
import { buildGet, parseGetResp } from '../../../src/main/usp/messages';
import { buildMsgRecord, parseRecord } from '../../../src/main/usp/record';
import { startMosquitto, waitUntil, type MosquittoBroker } from '../../helpers';

const ROOT = join(import.meta.dirname, '../../..');

function runSim(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'sim', ...args], { cwd: ROOT });
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
});
