import type { usp } from '../usp/generated/usp-proto.js';
import { parseNotify } from '../usp/messages';
import type { NotificationEvent } from './events';
import { NotifyDedup } from './notify-dedup';

/** What the controller does with one decoded Notify. */
export interface NotifyOutcome {
  /** Answer with NotifyResp (send_resp=true, R-NOT.10), also for a repeat: the agent retries until answered. */
  respond: { msgId: string; subscriptionId: string } | null;
  /** The event to emit; null for a repeat already processed (reply again, process once). */
  event: NotificationEvent | null;
}

/** Decodes Notify messages and recognises repeats (agent retries, the same Notify over two MTPs). */
export class NotificationIntake {
  private readonly dedup: NotifyDedup;

  constructor(dedupPerAgent?: number) {
    this.dedup = new NotifyDedup(dedupPerAgent);
  }

  accept(endpointId: string, msg: usp.Msg, transportId: string, receivedAt: number): NotifyOutcome {
    const data = parseNotify(msg);
    const respond = data.sendResp ? { msgId: data.msgId, subscriptionId: data.subscriptionId } : null;
    if (!this.dedup.firstTime(endpointId, data.msgId)) return { respond, event: null };
    return {
      respond,
      event: {
        endpointId,
        msgId: data.msgId,
        subscriptionId: data.subscriptionId,
        sendResp: data.sendResp,
        transportId,
        receivedAt,
        notification: data.notification,
      },
    };
  }

  forget(endpointId: string): void {
    this.dedup.forget(endpointId);
  }
}
