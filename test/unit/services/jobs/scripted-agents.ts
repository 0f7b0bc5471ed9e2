import { AgentEventFeed, type AgentWatch } from '../../../../src/main/services/jobs/agent-event-feed';
import { StepFailure, type JobAgentPort } from '../../../../src/main/services/jobs/agent-port';
import type { JobClock } from '../../../../src/main/services/jobs/job-clock';
import type { PathValues } from '../../../../src/shared/jobs/job-model';

/** A clock whose time moves only when the test says; due timers run in order. */
export class FakeClock implements JobClock {
  private t = 1_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): unknown {
    // A real timer cannot wait forever (Node fires it at once): the engine arms one only for something due.
    if (!Number.isFinite(ms)) throw new Error(`a timer of ${ms} ms`);
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise callbacks run (no time passes). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export type Fault = StepFailure | 'hold' | 'apply-then-hold';

/**
 * In-memory agents behind the engine's port: values and table rows per agent, presence, and
 * per-call faults. Held calls wait until release(); `calls` records every request.
 */
export class ScriptedAgents implements JobAgentPort {
  readonly values = new Map<string, PathValues>();
  readonly rows = new Map<string, { path: string; uniqueKeys: PathValues }[]>();
  readonly offline = new Set<string>();
  readonly calls: { endpointId: string; kind: string }[] = [];
  readonly keySets: string[][] = [['ID']];
  /** Fault for the next calls of a kind to an agent (consumed in order; an empty list = normal). */
  readonly faults = new Map<string, Fault[]>();
  private held: (() => void)[] = [];
  /** Every call waits for release() unless a fault says otherwise. */
  holdAll = false;
  inFlight = 0;
  maxInFlight = 0;
  /** Notifications the agents send (emit with events.push). */
  readonly events = new AgentEventFeed();
  /** What an agent does when it receives an Operate sent without waiting (firmware steps). */
  onStartOperate: (endpointId: string, command: string, args: PathValues, commandKey: string) => void = () => undefined;

  agent(endpointId: string, values: PathValues = {}): this {
    this.values.set(endpointId, { ...values });
    this.rows.set(endpointId, []);
    return this;
  }

  fail(endpointId: string, kind: string, ...faults: Fault[]): void {
    this.faults.set(`${endpointId} ${kind}`, faults);
  }

  /** Lets every held call complete. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const h of held) h();
    await settle();
  }

  get heldCount(): number {
    return this.held.length;
  }

  isOnline(endpointId: string): boolean {
    return !this.offline.has(endpointId);
  }

  uniqueKeySets(): Promise<string[][]> {
    return Promise.resolve(this.keySets);
  }

  get(endpointId: string, paths: string[]): Promise<PathValues> {
    return this.call(endpointId, 'get', () => {
      const values = this.values.get(endpointId)!;
      return Object.fromEntries(Object.entries(values).filter(([p]) => paths.some((q) => p === q || (q.endsWith('.') && p.startsWith(q)) || (/\*|\[/.test(q) && wildcard(q).test(p)))));
    });
  }

  set(endpointId: string, values: PathValues): Promise<void> {
    return this.call(endpointId, 'set', () => {
      Object.assign(this.values.get(endpointId)!, values);
    });
  }

  add(endpointId: string, table: string, params: PathValues): Promise<string> {
    return this.call(endpointId, 'add', () => {
      const rows = this.rows.get(endpointId)!;
      const path = `${table}${rows.length + 1}.`;
      rows.push({ path, uniqueKeys: { ...params } });
      return path;
    });
  }

  delete(endpointId: string, paths: string[]): Promise<void> {
    return this.call(endpointId, 'delete', () => {
      this.rows.set(endpointId, this.rows.get(endpointId)!.filter((r) => !paths.includes(r.path)));
    });
  }

  instances(endpointId: string, table: string): Promise<{ path: string; uniqueKeys: PathValues }[]> {
    return this.call(endpointId, 'instances', () => this.rows.get(endpointId)!.filter((r) => r.path.startsWith(table)));
  }

  /** The command keys Operate calls carried. */
  readonly operateKeys: (string | undefined)[] = [];

  operate(endpointId: string, _command: string, _args: PathValues, _async: boolean, _timeoutMs: number, commandKey?: string): Promise<PathValues> {
    this.operateKeys.push(commandKey);
    return this.call(endpointId, 'operate', () => ({}));
  }

  startOperate(endpointId: string, command: string, args: PathValues, commandKey: string): Promise<string> {
    return this.call(endpointId, 'startOperate', () => {
      this.onStartOperate(endpointId, command, args, commandKey);
      return 'Device.LocalAgent.Request.1.';
    });
  }

  watch(endpointId: string): AgentWatch {
    return this.events.watch(endpointId);
  }

  private call<T>(endpointId: string, kind: string, apply: () => T): Promise<T> {
    this.calls.push({ endpointId, kind });
    const fault = this.faults.get(`${endpointId} ${kind}`)?.shift() ?? (this.holdAll ? 'hold' : undefined);
    if (fault instanceof StepFailure) return Promise.reject(fault);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (fault === 'apply-then-hold') {
      apply();
      return new Promise<T>(() => undefined);
    }
    return new Promise<T>((resolve) => {
      const done = (): void => {
        this.inFlight--;
        resolve(apply());
      };
      if (fault === 'hold') this.held.push(done);
      else done();
    });
  }

  callsOf(kind: string): string[] {
    return this.calls.filter((c) => c.kind === kind).map((c) => c.endpointId);
  }
}

/** A search path (`*` or `[expression]`: any instance number here), as a pattern. */
const wildcard = (q: string): RegExp => new RegExp(`^${q.replace(/\[[^\]]*\]/g, '*').split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('\\d+')}$`);

export const uspError = (code: number, message = 'refused'): StepFailure => new StepFailure(String(code), message);
export const transportError = (): StepFailure => new StepFailure('transport', 'connection dropped', true);
