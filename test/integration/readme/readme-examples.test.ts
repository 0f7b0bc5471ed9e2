import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, removeTempDir, startMosquitto, tempDir, type MosquittoBroker } from '../../helpers';
import { CLI_ENTRY } from '../../helpers/cli';
import { readmeCommands, readmeScript } from './readme-script';

const ROOT = join(import.meta.dirname, '../../..');

let broker: MosquittoBroker;
let dir: string;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await tempDir('usp-readme-');
});

afterAll(async () => {
  await broker?.stop();
  if (dir) await removeTempDir(dir);
});

/**
 * A folder that looks like the checkout to the README's commands (test fixtures, docs, README.md), and
 * an `npx` that runs the built `usp-console`: `exec` keeps a background job's `$!` the CLI's pid.
 */
async function workspace(): Promise<{ cwd: string; bin: string }> {
  const cwd = join(dir, 'checkout');
  const bin = join(dir, 'bin');
  await mkdir(cwd);
  await mkdir(bin);
  await symlink(join(ROOT, 'test'), join(cwd, 'test'));
  await symlink(join(ROOT, 'README.md'), join(cwd, 'README.md'));
  await symlink(join(ROOT, 'docs'), join(cwd, 'docs'));
  const npx = join(bin, 'npx');
  await writeFile(npx, `#!/bin/sh\n[ "$1" = usp-console ] || { echo "README test: only npx usp-console is provided" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${CLI_ENTRY}" "$@"\n`);
  await chmod(npx, 0o755);
  return { cwd, bin };
}

describe('README', () => {
  it('every shell example runs as written and exits as the README says', { timeout: 600_000 }, async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    // The README's ports are the usual ones; here they are private ones, free on this machine.
    const ports: Record<string, number> = { '1883': broker.port, '8777': await freePort(), '8778': await freePort(), '8443': await freePort() };
    const commands = readmeCommands(readme.replace(/\b(1883|8777|8778|8443)\b/g, (p) => String(ports[p])));
    expect(commands.length).toBeGreaterThan(20);
    const { cwd, bin } = await workspace();
    const statusFile = join(dir, 'status');
    const script = `__status() { echo "$2 $1" >> "${statusFile}"; }\n${readmeScript(commands)}`;
    const child = spawn('bash', ['-c', script], {
      cwd,
      detached: true,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, XDG_DATA_HOME: join(dir, 'xdg') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    // 'exit', not 'close': a background job a broken example left running would hold the pipes open.
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await exited;
    } finally {
      // Whatever a broken example left running in the background goes with the process group.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const statuses = new Map(
      (await readFile(statusFile, 'utf8').catch(() => ''))
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ').map(Number) as [number, number]),
    );
    const wrong = commands
      .map((c, index) => ({ line: c.line, command: c.text, expected: c.expectedExit, got: statuses.get(index) }))
      .filter((r) => r.got !== r.expected);
    expect(wrong, `README examples that did not exit as documented; the output ended with:\n${output.slice(-4000)}`).toEqual([]);
  });
});
