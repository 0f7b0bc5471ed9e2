import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { guardChild, waitForExit } from '../../helpers/child-process-guard';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The built command, as users run it (`npm run build` comes first; run-tests.mjs does it). */
export const BUILT_CLI = join(ROOT, 'out', 'cli', 'index.js');

export interface ServeProcess {
  /** http://127.0.0.1:PORT/?token=… as printed. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `node out/cli/index.js serve --port 0 …ARGS` and resolves once it prints its address. */
export async function startServe(args: string[], timeoutMs = 60_000): Promise<ServeProcess> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  guardChild(child, false);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const m = /USP Console ready at (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}; stderr: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    child,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child, false, 10_000);
    },
  };
}
