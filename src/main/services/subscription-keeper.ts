import { NOTIF_TYPES, type Controller, type NotificationEvent, type PresenceChange, type SubscriptionInfo, type SubscriptionSpec } from '../controller';
import type { KeptSubscriptionsRepo } from '../store/repos/kept-subscriptions-repo';
import type { EventHub } from './event-hub';

/** Subscriptions remembered per agent; an agent cannot make the console hold more. */
const MAX_PER_AGENT = 256;

/**
 * Keeps the subscriptions this console made on each agent: after every Boot! and every time the
 * agent comes back online it compares what the agent has (Device.LocalAgent.Subscription.) with
 * what the console made, re-creates what is missing with the same ID and settings, and says so
 * in the feed ("re-created 2 subscriptions after Boot!"). Persistent subscriptions survive a
 * reboot on the agent; this covers agents that lost them anyway (a factory reset, an agent
 * without Persistent, a subscription deleted by another controller). What it keeps is stored, so
 * a restarted console goes on keeping them.
 */
export class SubscriptionKeeper {
  private readonly expected = new Map<string, Map<string, SubscriptionSpec>>();
  /** Agents being checked now; a second reason during a check runs one more check after it. */
  private readonly checking = new Map<string, string | null>();

  constructor(
    private readonly controller: Controller,
    private readonly hub: EventHub,
    private readonly kept: Pick<KeptSubscriptionsRepo, 'save' | 'delete' | 'list'>,
    private readonly clock: () => number = Date.now,
  ) {
    for (const k of kept.list()) {
      if (isSpec(k.spec) && k.spec.id === k.subscriptionId) this.expect(k.endpointId, k.spec);
    }
  }

  /** Listens for Boot! and presence; returns the detach function. */
  start(): () => void {
    const onPresence = (change: PresenceChange): void => {
      if (change.online) this.check(change.endpointId, 'it reconnected');
    };
    // A Connect Record after a reboot may come before the console saw the old connection close.
    const onContact = (endpointId: string): void => this.check(endpointId, 'it reconnected');
    const onNotification = (event: NotificationEvent): void => {
      const n = event.notification;
      if (n.kind === 'event' && n.eventName === 'Boot!' && n.objPath === 'Device.') this.check(event.endpointId, 'Boot!');
    };
    this.controller.on('presenceChanged', onPresence);
    this.controller.on('notification', onNotification);
    this.controller.on('contact', onContact);
    return () => {
      this.controller.off('contact', onContact);
      this.controller.off('presenceChanged', onPresence);
      this.controller.off('notification', onNotification);
    };
  }

  /** A subscription this console created (or re-created). */
  remember(agentId: string, created: SubscriptionInfo): void {
    const spec: SubscriptionSpec & { id: string } = {
      id: created.id,
      notifType: created.notifType as SubscriptionSpec['notifType'],
      referenceList: [...created.referenceList],
      enable: created.enable,
      persistent: created.persistent,
      notifRetry: created.notifRetry,
      ...(created.notifRetry ? { notifExpiration: created.notifExpiration } : {}),
      ...(created.timeToLive > 0 ? { timeToLive: created.timeToLive } : {}),
    };
    if (this.expect(agentId, spec)) this.kept.save(agentId, created.id, spec);
  }

  /** Adds to what is expected of the agent, within the bound; false when it did not fit. */
  private expect(agentId: string, spec: SubscriptionSpec & { id: string }): boolean {
    const specs = this.expected.get(agentId) ?? new Map<string, SubscriptionSpec>();
    if (!specs.has(spec.id) && specs.size >= MAX_PER_AGENT) return false;
    specs.set(spec.id, spec);
    this.expected.set(agentId, specs);
    return true;
  }

  /** The user unsubscribed: no longer expected. */
  forget(agentId: string, subscriptionId: string): void {
    const specs = this.expected.get(agentId);
    specs?.delete(subscriptionId);
    if (specs?.size === 0) this.expected.delete(agentId);
    this.kept.delete(agentId, subscriptionId);
  }

  /** The agent was forgotten: nothing is kept for it (its stored rows went with it). */
  forgetAgent(agentId: string): void {
    this.expected.delete(agentId);
  }

  /** Whether this console made the subscription. */
  owns(agentId: string, subscriptionId: string): boolean {
    return this.expected.get(agentId)?.has(subscriptionId) ?? false;
  }

  /** Compares the agent's subscriptions with the expected ones and re-creates the missing. */
  check(agentId: string, after: string): void {
    if (!this.expected.has(agentId)) return;
    if (this.checking.has(agentId)) {
      this.checking.set(agentId, after);
      return;
    }
    this.checking.set(agentId, null);
    void this.reconcile(agentId, after).finally(() => {
      const again = this.checking.get(agentId);
      this.checking.delete(agentId);
      if (again) this.check(agentId, again);
    });
  }

  private async reconcile(agentId: string, after: string): Promise<void> {
    const specs = [...(this.expected.get(agentId)?.values() ?? [])];
    let present: Set<string>;
    try {
      present = new Set((await this.controller.listSubscriptions(agentId)).map((s) => s.id));
    } catch (err) {
      this.note(agentId, 'error', `could not compare subscriptions after ${after}: ${reasonOf(err)}`);
      return;
    }
    const missing = specs.filter((s) => s.id !== undefined && !present.has(s.id));
    if (missing.length === 0) return;
    const failed: string[] = [];
    for (const spec of missing) {
      try {
        this.remember(agentId, await this.controller.createSubscription(agentId, spec));
      } catch (err) {
        failed.push(`${spec.id ?? ''} (${reasonOf(err)})`);
      }
    }
    const done = missing.length - failed.length;
    if (done > 0) this.note(agentId, 'info', `re-created ${done} subscription${done === 1 ? '' : 's'} after ${after}`);
    if (failed.length > 0) this.note(agentId, 'error', `could not re-create ${failed.length} subscription${failed.length === 1 ? '' : 's'} after ${after}: ${failed.join('; ')}`);
  }

  private note(agentId: string, level: 'info' | 'error', message: string): void {
    this.hub.push('notes', { agentId, at: this.clock(), level, message });
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A stored spec as this keeper wrote it (a damaged row is skipped, not trusted). */
function isSpec(value: unknown): value is SubscriptionSpec & { id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && NOTIF_TYPES.includes(v.notifType as SubscriptionSpec['notifType'])
    && Array.isArray(v.referenceList) && v.referenceList.every((r) => typeof r === 'string');
}
