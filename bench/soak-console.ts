// The console under soak (issue 9): `usp-console serve` in a child process on a fixed port and
// data folder, so the bench can SIGKILL it and start it again on the same store; its
// /api/v1 automation API (bearer token from the ready line) and its resident set size.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const READY = /USP Console ready at (\S+)/;

export interface SoakConsoleOptions {
  port: number;
  dataDir: string;
  mqttUrl: string;
  controllerId: string;
  controllerTopic: string;
}

export class SoakConsole {
  private child: ChildProcess | undefined;
  private base = '';
  private token = '';

  constructor(private readonly options: SoakConsoleOptions) {}

  /** Starts `serve` and resolves once it printed its ready line (the API answers from then on). */
  async start(): Promise<void> {
    const o = this.options;
    const args = ['src/main/cli/index.ts', 'serve', '--port', String(o.port), '--data', o.dataDir, '--mqtt', o.mqttUrl, '--controller-id', o.controllerId, '--controller-topic', o.controllerTopic];
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = proc;
    // The console's warnings (reconnects, probes) stay visible but prefixed, so the summary reads apart.
    createInterface({ input: proc.stderr as Readable }).on('line', (l) => console.error(`  [console] ${l}`));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout as Readable }).on('line', (l) => {
        const m = READY.exec(l);
        if (m) resolve(m[1]!);
      });
      proc.once('exit', (code, signal) => reject(new Error(`usp-console serve exited (${code ?? signal}) before it was ready`)));
    });
    const parsed = new URL(url);
    this.base = `${parsed.protocol}//${parsed.host}/api/v1`;
    this.token = parsed.searchParams.get('token') ?? '';
  }

  /** SIGKILL, as a crash or the OOM killer would: no shutdown code runs. */
  async kill(): Promise<void> {
    const proc = this.child;
    this.child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  /** A clean stop (SIGTERM) at the end of the bench. */
  async stop(): Promise<void> {
    const proc = this.child;
    this.child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** VmRSS of the console process from /proc, or undefined while it is down. */
  rssBytes(): number | undefined {
    const pid = this.pid;
    if (pid === undefined) return undefined;
    try {
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb === undefined ? undefined : Number(kb) * 1024;
    } catch {
      return undefined;
    }
  }

  /** One /api/v1 call; throws on a network error or a non-2xx answer (with the API's error text). */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}
