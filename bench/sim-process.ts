import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { guardChild } from '../test/helpers/child-process-guard';

/** `usp-console` from source (no build needed). */
export const SOURCE_CLI = ['--import', 'tsx', join(import.meta.dirname, '../src/main/cli/index.ts')];

/**
 * `usp-console sim SIM_ARGS` as a child process (`cli`: SOURCE_CLI or the built CLI); resolves
 * once it printed `agents` Endpoint IDs, i.e. every agent is connected. The simulator reports
 * every link up and down on stderr: only its last lines are kept, for the error when it exits first.
 */
export async function startSimProcess(cli: readonly string[], simArgs: readonly string[], agents: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [...cli, 'sim', ...simArgs], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  guardChild(proc, false);
  const tail: string[] = [];
  createInterface({ input: proc.stderr as Readable }).on('line', (l) => {
    tail.push(l);
    if (tail.length > 20) tail.shift();
  });
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout as Readable }).on('line', () => {
      if (++ready === agents) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`sim exited (${code ?? 'signal'}) after ${ready} agents:\n${tail.join('\n')}`)));
  });
  return proc;
}
