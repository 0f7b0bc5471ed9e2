import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, waitUntil, type MosquittoBroker } from '../../helpers';
import { CLI_ENTRY } from '../../helpers/cli';

// Issue 9 finding 7: sim and watch outlive their broker, reconnecting with back-off and saying so.
const ROOT = join(import.meta.dirname, '../../..');

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const count = (pattern: RegExp): number => out.stderr.split('\n').filter((l) => pattern.test(l)).length;
  return { child, out, exited, count };
}

describe('usp-console sim and watch when the broker goes away', () => {
  let broker: MosquittoBroker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('keep running and reconnecting with back-off, say so on stderr, and carry on when it is back', { timeout: 240_000 }, async () => {
    const sim = run(['sim', '--agents', '1', '--id-prefix', 'proto::rc-', '--controller-id', 'self::rc', '--mqtt', broker.url]);
    const watch = run(['watch', '--agent', 'proto::rc-1', '--controller-id', 'self::rc', '--mqtt', broker.url, '--agent-topic', 'usp/agent/rc-1', '--controller-topic', 'usp/controller/rc']);
    try {
      await waitUntil(() => sim.out.stdout.includes('proto::rc-1'), 'the simulated agent running', 60_000);
      await waitUntil(() => watch.out.stderr.includes('watching proto::rc-1'), 'watch running', 60_000);
      const upBefore = { sim: sim.count(/link up/), watch: watch.count(/link up/) };

      await broker.stop();
      // Two attempts each: the processes outlived the first failed reconnect, not just the drop.
      await waitUntil(() => sim.count(/link down: .*reconnecting in \d+ ms/) >= 2, 'sim reconnecting twice', 60_000);
      await waitUntil(() => watch.count(/link down: .*reconnecting in \d+ ms/) >= 2, 'watch reconnecting twice', 60_000);
      expect(sim.child.exitCode).toBeNull();
      expect(watch.child.exitCode).toBeNull();

      await broker.start();
      await waitUntil(() => sim.count(/link up/) > upBefore.sim, 'sim back on the broker', 60_000);
      await waitUntil(() => watch.count(/link up/) > upBefore.watch, 'watch back on the broker', 60_000);
    } finally {
      sim.child.kill('SIGINT');
      watch.child.kill('SIGINT');
    }
    expect(await sim.exited).toBe(0);
    expect(await watch.exited).toBe(0);
  });
});
