// Notifications (events, OperationComplete) from agents to the job steps waiting for them. A
// watch is keyed by Endpoint ID only, so it keeps listening while the agent reboots and reconnects.

import type { Notification } from '../../usp/messages';

/** Notifications a watch keeps until a step asks for them; older ones go first. */
export const MAX_KEPT_NOTIFICATIONS = 64;
/** Recent OperationCompletes remembered per agent, for this many agents (the least recent go first). */
export const RECENT_COMPLETIONS = 8;
export const RECENT_AGENTS = 1024;

export interface AgentWatch {
  /** The first kept or future notification that matches, or null after timeoutMs. */
  next(match: (n: Notification) => boolean, timeoutMs: number): Promise<Notification | null>;
  close(): void;
}

interface Waiter {
  match: (n: Notification) => boolean;
  done: (n: Notification | null) => void;
}

class Watch implements AgentWatch {
  readonly kept: Notification[] = [];
  waiter: Waiter | null = null;

  constructor(private readonly detach: (w: Watch) => void) {}

  offer(n: Notification): void {
    if (this.waiter?.match(n)) {
      this.waiter.done(n);
      return;
    }
    this.kept.push(n);
    if (this.kept.length > MAX_KEPT_NOTIFICATIONS) this.kept.shift();
  }

  next(match: (n: Notification) => boolean, timeoutMs: number): Promise<Notification | null> {
    if (this.waiter) return Promise.reject(new Error('a watch serves one waiter at a time'));
    const at = this.kept.findIndex(match);
    if (at >= 0) return Promise.resolve(this.kept.splice(at, 1)[0]!);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), Math.max(0, timeoutMs));
      timer.unref();
      const finish = (n: Notification | null): void => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(n);
      };
      this.waiter = { match, done: finish };
    });
  }

  close(): void {
    this.waiter?.done(null);
    this.detach(this);
  }
}

export class AgentEventFeed {
  private readonly watches = new Map<string, Set<Watch>>();
  private readonly completions = new Map<string, Notification[]>();

  /** Every notification the controller accepted (Controller 'notification' events). */
  push(endpointId: string, notification: Notification): void {
    if (notification.kind === 'oper_complete') this.remember(endpointId, notification);
    for (const w of this.watches.get(endpointId) ?? []) w.offer(notification);
  }

  /**
   * A watch starts with the agent's recent OperationCompletes kept (steps match them by command
   * key, so a step resumed after a restart finds one that arrived before it started again).
   */
  watch(endpointId: string): AgentWatch {
    const set = this.watches.get(endpointId) ?? new Set<Watch>();
    this.watches.set(endpointId, set);
    const w = new Watch((gone) => {
      set.delete(gone);
      if (set.size === 0 && this.watches.get(endpointId) === set) this.watches.delete(endpointId);
    });
    w.kept.push(...(this.completions.get(endpointId) ?? []));
    set.add(w);
    return w;
  }

  private remember(endpointId: string, n: Notification): void {
    const list = this.completions.get(endpointId) ?? [];
    this.completions.delete(endpointId);
    list.push(n);
    if (list.length > RECENT_COMPLETIONS) list.shift();
    this.completions.set(endpointId, list);
    if (this.completions.size > RECENT_AGENTS) this.completions.delete(this.completions.keys().next().value!);
  }
}
