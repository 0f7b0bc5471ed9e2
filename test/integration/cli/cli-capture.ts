import { AsyncLocalStorage } from 'node:async_hooks';
import { runCli } from '../../../src/main/cli/run-cli';

/** One in-process `usp-console` run: its output so far (live) and its exit code. */
export interface CliRun {
  stdout: string;
  stderr: string;
  exit: Promise<number>;
}

const current = new AsyncLocalStorage<CliRun>();
let installed = false;

/**
 * Routes process.stdout/stderr writes made inside a run (and everything it started: sockets,
 * timers) to that run's buffers, so several runs at once (a watch and a set) keep their output apart.
 */
function install(): void {
  if (installed) return;
  installed = true;
  for (const key of ['stdout', 'stderr'] as const) {
    const stream = process[key];
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const run = current.getStore();
      if (!run) return original(chunk, ...rest);
      run[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
}

/** Starts `usp-console ARGS…` in this process. */
export function startCli(...argv: string[]): CliRun {
  install();
  const run: CliRun = { stdout: '', stderr: '', exit: Promise.resolve(0) };
  run.exit = current.run(run, () => runCli(argv));
  return run;
}

/** Runs `usp-console ARGS…` to the end. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startCli(...argv);
  const code = await run.exit;
  return { code, stdout: run.stdout, stderr: run.stderr };
}
