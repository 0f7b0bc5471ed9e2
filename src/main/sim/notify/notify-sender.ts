import type { usp } from '../../usp/generated/usp-proto.js';
import { buildNotify, type Notification } from '../../usp/messages/notify';

/** The retry schedule of one controller: m seconds, k/1000 growth per retry. */
export interface RetryPolicy {
  minWaitMs: number;
  multiplier: number;
}

interface Pending {
  controllerId: string;
  msg: usp.IMsg;
  retries: number;
  timer: NodeJS.Timeout | undefined;
  /** Epoch ms after which retrying stops (NotifExpiration); undefined = until answered. */
  expiresAt: number | undefined;
}

/** obuspa's Notify msg_id: `<NotifType>-<ISO8601 UTC>-<counter>`. */
export function notifyMsgId(type: string, now: Date, counter: number): string {
  return `${type}-${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}-${counter}`;
}

/**
 * Sends Notify messages and, when send_resp is true, repeats the same msg_id with
 * randomized exponential back-off until a NotifyResp arrives or the expiry passes
 * (TR-369 Retry when send_resp=true; obuspa retries OnBoardRequest forever).
 */
export class NotifySender {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  constructor(
    private readonly send: (controllerId: string, msg: usp.IMsg) => void,
    private readonly policyFor: (controllerId: string) => RetryPolicy,
    private readonly now: () => Date,
  ) {}

  /** Sends one notification; returns its msg_id. */
  notify(controllerId: string, type: string, subscriptionId: string, sendResp: boolean, notification: Notification, expirationSeconds = 0): string {
    const msgId = notifyMsgId(type, this.now(), ++this.counter);
    const msg = buildNotify(msgId, { subscriptionId, sendResp, notification });
    this.send(controllerId, msg);
    if (sendResp) {
      const expiresAt = expirationSeconds > 0 ? this.now().getTime() + expirationSeconds * 1000 : undefined;
      const entry: Pending = { controllerId, msg, retries: 0, timer: undefined, expiresAt };
      this.pending.set(msgId, entry);
      this.schedule(msgId, entry);
    }
    return msgId;
  }

  /** A NotifyResp for msgId arrived: stop retrying it (subscription_id is not compared, like obuspa). */
  acknowledged(msgId: string): void {
    const entry = this.pending.get(msgId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(msgId);
  }

  /** Notifications still waiting for their NotifyResp. */
  get unacknowledged(): string[] {
    return [...this.pending.keys()];
  }

  /** Forgets every pending retry (agent stop or reboot: the count resets). */
  stop(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private schedule(msgId: string, entry: Pending): void {
    const { minWaitMs, multiplier } = this.policyFor(entry.controllerId);
    const n = Math.min(entry.retries, 9);
    const low = minWaitMs * multiplier ** n;
    const wait = low + Math.random() * (low * multiplier - low);
    entry.timer = setTimeout(() => {
      if (entry.expiresAt !== undefined && this.now().getTime() >= entry.expiresAt) {
        this.pending.delete(msgId);
        return;
      }
      entry.retries += 1;
      this.send(entry.controllerId, entry.msg);
      this.schedule(msgId, entry);
    }, wait);
    entry.timer.unref();
  }
}
