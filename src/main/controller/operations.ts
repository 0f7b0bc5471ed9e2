import { randomBytes } from 'node:crypto';
import type { usp } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { OperationTimeoutError } from './errors';
import type { NotificationEvent } from './events';
import { newSubscriptionId, referenceCovers, type SubscriptionInfo, type SubscriptionSpec } from './subscriptions';

export interface OperateOptions {
  /** Command path or search path ending in "()". */
  command: string;
  inputArgs?: Record<string, string>;
  /** Tag echoed in OperationComplete; generated when absent so completions can be matched. */
  commandKey?: string;
  /** Wait for the OperationComplete of every asynchronous invocation. */
  async?: boolean;
  /** How long to wait for OperationComplete (default 5 minutes). */
  completionTimeoutMs?: number;
  /**
   * With `async`: when none of our OperationComplete subscriptions covers the command, create a
   * temporary one first and delete it afterwards (results reach only subscribers).
   */
  ensureSubscription?: boolean;
  /** Timeout of the Operate request itself. */
  timeoutMs?: number;
}

/** One invocation (per matched object). `completed` is an async command whose OperationComplete reported success. */
export type OperateCommandOutcome =
  | { executedCommand: string; kind: 'sync'; outputArgs: Record<string, string> }
  | { executedCommand: string; kind: 'async'; requestPath: string }
  | { executedCommand: string; kind: 'completed'; requestPath: string; outputArgs: Record<string, string> }
  | { executedCommand: string; kind: 'failure'; errCode: number; errMsg: string; requestPath?: string };

export interface OperateOutcome {
  commandKey: string;
  results: OperateCommandOutcome[];
  /** The temporary OperationComplete subscription created for this call, already deleted again. */
  temporarySubscription?: string;
}

type Completion = m.OperationCompleteResult;

interface Waiter {
  completions: Map<string, Completion>;
  listeners: Map<string, (c: Completion) => void>;
}

/**
 * Matches OperationComplete notifications to the Operate calls waiting for them, by agent, command
 * key and executed command path. Completions that arrive before the OperateResp are kept.
 */
export class OperationTracker {
  private readonly waiters = new Map<string, Waiter>();
  private readonly cancellers = new Set<(reason: string) => void>();

  /** Starts collecting completions for (agent, commandKey); call before sending the Operate. */
  open(endpointId: string, commandKey: string): { wait(executedCommand: string, timeoutMs: number, command: string): Promise<Completion>; close(): void } {
    const key = `${endpointId}\u0000${commandKey}`;
    if (this.waiters.has(key)) throw new Error(`command key ${commandKey} is already awaited for ${endpointId}`);
    const waiter: Waiter = { completions: new Map(), listeners: new Map() };
    this.waiters.set(key, waiter);
    return {
      wait: (executedCommand, timeoutMs, command) =>
        new Promise<Completion>((resolve, reject) => {
          const done = waiter.completions.get(executedCommand);
          if (done) return resolve(done);
          const timer = setTimeout(() => finish(new OperationTimeoutError(endpointId, command, commandKey, timeoutMs)), timeoutMs);
          timer.unref?.();
          const cancel = (reason: string) => finish(new Error(`waiting for OperationComplete of ${executedCommand} cancelled: ${reason}`));
          const finish = (outcome: Completion | Error) => {
            clearTimeout(timer);
            waiter.listeners.delete(executedCommand);
            this.cancellers.delete(cancel);
            if (outcome instanceof Error) reject(outcome);
            else resolve(outcome);
          };
          this.cancellers.add(cancel);
          waiter.listeners.set(executedCommand, finish);
        }),
      close: () => {
        if (this.waiters.get(key) === waiter) this.waiters.delete(key);
      },
    };
  }

  onNotification(event: NotificationEvent): void {
    const n = event.notification;
    if (n.kind !== 'oper_complete') return;
    const waiter = this.waiters.get(`${event.endpointId}\u0000${n.commandKey}`);
    if (!waiter) return;
    const executed = (n.objPath.endsWith('.') ? n.objPath : `${n.objPath}.`) + n.commandName;
    waiter.completions.set(executed, n.result);
    waiter.listeners.get(executed)?.(n.result);
  }

  cancelAll(reason: string): void {
    for (const cancel of [...this.cancellers]) cancel(reason);
  }
}

export interface OperateContext {
  request(endpointId: string, build: (msgId: string) => usp.IMsg, options?: { timeoutMs?: number }): Promise<usp.Msg>;
  tracker: OperationTracker;
  subscriptions: {
    listSubscriptions(endpointId: string, options?: { timeoutMs?: number }): Promise<SubscriptionInfo[]>;
    createSubscription(endpointId: string, spec: SubscriptionSpec, options?: { timeoutMs?: number }): Promise<SubscriptionInfo>;
    deleteSubscription(endpointId: string, idOrPath: string, options?: { timeoutMs?: number }): Promise<boolean>;
  };
  warn(endpointId: string, message: string): void;
}

/**
 * Operate. Sync commands return their outputs in the OperateResp; async ones
 * return a Request path and, with `async`, are awaited until their OperationComplete arrives.
 */
export async function runOperate(ctx: OperateContext, endpointId: string, options: OperateOptions): Promise<OperateOutcome> {
  const commandKey = options.commandKey ?? `uc-${randomBytes(6).toString('hex')}`;
  const requestOptions = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  let temporary: SubscriptionInfo | undefined;
  if (options.async && options.ensureSubscription) {
    const existing = await ctx.subscriptions.listSubscriptions(endpointId, requestOptions);
    const covered = existing.some(
      (s) => s.enable && s.notifType === 'OperationComplete' && s.referenceList.some((r) => referenceCovers(r, options.command)),
    );
    if (!covered) {
      // Create it before calling Operate, or the result is never delivered.
      temporary = await ctx.subscriptions.createSubscription(
        endpointId,
        { id: newSubscriptionId('usp-console-op'), notifType: 'OperationComplete', referenceList: [options.command], notifRetry: true },
        requestOptions,
      );
    }
  }
  const tracking = options.async ? ctx.tracker.open(endpointId, commandKey) : null;
  try {
    const response = await ctx.request(
      endpointId,
      (id) => m.buildOperate(id, { command: options.command, commandKey, sendResp: true, inputArgs: options.inputArgs ?? {} }),
      requestOptions,
    );
    const started = m.parseOperateResp(response).results;
    const timeoutMs = options.completionTimeoutMs ?? 300_000;
    const results = await Promise.all(
      started.map(async (r): Promise<OperateCommandOutcome> => {
        if (r.kind !== 'async' || !tracking) return r;
        const done = await tracking.wait(r.executedCommand, timeoutMs, options.command);
        return done.ok
          ? { executedCommand: r.executedCommand, kind: 'completed', requestPath: r.requestPath, outputArgs: done.outputArgs }
          : { executedCommand: r.executedCommand, kind: 'failure', errCode: done.errCode, errMsg: done.errMsg, requestPath: r.requestPath };
      }),
    );
    const outcome: OperateOutcome = { commandKey, results };
    if (temporary) outcome.temporarySubscription = temporary.id;
    return outcome;
  } finally {
    tracking?.close();
    if (temporary) {
      const id = temporary.path;
      await ctx.subscriptions.deleteSubscription(endpointId, id, requestOptions).catch((error: unknown) => {
        ctx.warn(endpointId, `temporary subscription ${id} not deleted: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }
}
