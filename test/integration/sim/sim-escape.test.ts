import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m from '../../../src/main/usp/messages';
import { buildMsgRecord } from '../../../src/main/usp/record';
import { startMosquitto, waitUntil, type MosquittoBroker } from '../../helpers';
import { CLI_ENTRY } from '../../helpers/cli';

// Issue 9 finding 8: what peers send is escaped before it reaches a terminal.
const ROOT = join(import.meta.dirname, '../../..');

describe('usp-console sim warnings', () => {
  let broker: MosquittoBroker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('print a from_id with terminal escape sequences escaped', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [CLI_ENTRY, 'sim', '--agents', '1', '--id-prefix', 'proto::esc-', '--controller-id', 'self::esc', '--mqtt', broker.url], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const client = await connectAsync(broker.url, { protocolVersion: 5, clientId: 'esc-sender' });
    try {
      await waitUntil(() => stdout.includes('proto::esc-1'), 'the agent running', 60_000);
      const record = buildMsgRecord({ toId: 'proto::esc-1', fromId: 'self::evil\u001b]0;owned\u0007\u001b[2J', msg: m.buildGet('e-1', ['Device.']) });
      await client.publishAsync('usp/agent/esc-1', Buffer.from(record), { properties: { responseTopic: 'usp/controller/evil' } });
      await waitUntil(() => stderr.includes('self::evil'), 'the warning about the Record', 30_000);
      expect(stderr).toContain('self::evil\\x1b]0;owned\\x07\\x1b[2J');
      expect(stderr).not.toContain('\u001b');
    } finally {
      child.kill('SIGINT');
      await client.endAsync();
    }
    expect(await exited).toBe(0);
  });
});
