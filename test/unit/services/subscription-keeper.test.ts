import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleNote } from '../../../src/shared/console-api';
import type { Controller, SubscriptionInfo, SubscriptionSpec } from '../../../src/main/controller';
import type { EventHub } from '../../../src/main/services/event-hub';
import { SubscriptionKeeper } from '../../../src/main/services/subscription-keeper';
import { Store } from '../../../src/main/store/store';
import { tempDir } from '../../helpers/temp-dir';

const AGENT = 'proto::gw';

function info(id: string, ref: string): SubscriptionInfo {
  return {
    path: 'Device.LocalAgent.Subscription.1.', id, notifType: 'ValueChange', referenceList: [ref], enable: true, persistent: true,
    notifRetry: false, notifExpiration: 0, timeToLive: 0, creationDate: '', recipient: 'Device.LocalAgent.Controller.1',
  };
}

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function openStore(dir?: string): Promise<Store> {
  const store = Store.open(dir ?? (await tempDir()), { appVersion: 'test' });
  stores.push(store);
  return store;
}

function setup(onAgent: string[], store: Store) {
  const controller = new EventEmitter();
  const created: SubscriptionSpec[] = [];
  const notes: ConsoleNote[] = [];
  /** Agents whose subscriptions were listed: a check calls this synchronously when it starts. */
  const listed: string[] = [];
  Object.assign(controller, {
    listSubscriptions: async (agent: string) => {
      listed.push(agent);
      return onAgent.map((id) => info(id, ''));
    },
    createSubscription: async (_agent: string, spec: SubscriptionSpec) => {
      if (spec.referenceList[0] === 'Device.Refused.') throw new Error('7021 Required parameter failed');
      created.push(spec);
      onAgent.push(spec.id!);
      return info(spec.id!, spec.referenceList[0]!);
    },
  });
  const hub = { push: (_event: string, note: ConsoleNote) => notes.push(note) } as unknown as EventHub;
  const keeper = new SubscriptionKeeper(controller as unknown as Controller, hub, store.keptSubscriptions, () => 7);
  const stop = keeper.start();
  return { controller, keeper, created, notes, listed, stop };
}

describe('SubscriptionKeeper', () => {
  it('re-creates after Boot! only what the console made and the agent lost, with the same ID, and says so', async () => {
    const { controller, keeper, created, notes } = setup(['usp-console-a'], await openStore());
    keeper.remember(AGENT, info('usp-console-a', 'Device.WiFi.SSID.1.SSID'));
    keeper.remember(AGENT, info('usp-console-b', 'Device.WiFi.SSID.2.SSID'));
    keeper.remember(AGENT, info('usp-console-c', 'Device.WiFi.SSID.3.SSID'));
    keeper.forget(AGENT, 'usp-console-c');
    controller.emit('notification', { endpointId: AGENT, notification: { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: {} } });
    // The note is the last thing a check does.
    await vi.waitFor(() => expect(notes).toEqual([{ agentId: AGENT, at: 7, level: 'info', message: 're-created 1 subscription after Boot!' }]));
    expect(created.map((s) => [s.id, s.referenceList, s.persistent])).toEqual([['usp-console-b', ['Device.WiFi.SSID.2.SSID'], true]]);
    expect(keeper.owns(AGENT, 'usp-console-b')).toBe(true);
    expect(keeper.owns(AGENT, 'usp-console-c')).toBe(false);
  });

  it('checks when the agent reconnects, says nothing when nothing is missing, and reports what it could not re-create', async () => {
    const { controller, keeper, notes, listed } = setup([], await openStore());
    keeper.remember(AGENT, info('usp-console-x', 'Device.Refused.'));
    controller.emit('presenceChanged', { endpointId: AGENT, online: false, reason: '', at: 1 });
    controller.emit('contact', 'proto::unknown');
    // No check started (one would have listed the agent's subscriptions already).
    expect(listed).toEqual([]);
    expect(notes).toEqual([]);
    controller.emit('contact', AGENT);
    expect(listed).toEqual([AGENT]);
    await vi.waitFor(() => expect(notes).toEqual([{ agentId: AGENT, at: 7, level: 'error', message: 'could not re-create 1 subscription after it reconnected: usp-console-x (7021 Required parameter failed)' }]));
  });

  it('stops listening when stopped', async () => {
    const { controller, keeper, created, listed, stop } = setup([], await openStore());
    keeper.remember(AGENT, info('usp-console-a', 'Device.X.'));
    stop();
    controller.emit('contact', AGENT);
    controller.emit('presenceChanged', { endpointId: AGENT, online: true, reason: '', at: 1 });
    expect(listed).toEqual([]);
    expect(created).toEqual([]);
  });

  it('keeps what it made across a console restart (the same data folder), and nothing of a forgotten agent', async () => {
    const dir = await tempDir();
    const first = setup([], await openStore(dir));
    first.keeper.remember(AGENT, info('usp-console-a', 'Device.WiFi.SSID.1.SSID'));
    first.keeper.remember('proto::other', info('usp-console-o', 'Device.X.'));
    first.keeper.remember(AGENT, info('usp-console-b', 'Device.WiFi.SSID.2.SSID'));
    first.keeper.forget(AGENT, 'usp-console-b');
    first.stop();
    stores.splice(0).forEach((st) => st.close());

    const store = await openStore(dir);
    // A damaged row is skipped, not trusted.
    store.db.prepare("UPDATE kept_subscription SET spec = '{\"id\":\"usp-console-o\"}' WHERE subscription_id = 'usp-console-o'").run();
    const again = setup([], store);
    expect(again.keeper.owns(AGENT, 'usp-console-a')).toBe(true);
    expect(again.keeper.owns(AGENT, 'usp-console-b')).toBe(false);
    expect(again.keeper.owns('proto::other', 'usp-console-o')).toBe(false);
    again.controller.emit('contact', AGENT);
    await vi.waitFor(() => expect(again.notes).toEqual([{ agentId: AGENT, at: 7, level: 'info', message: 're-created 1 subscription after it reconnected' }]));
    expect(again.created.map((c) => [c.id, c.referenceList])).toEqual([['usp-console-a', ['Device.WiFi.SSID.1.SSID']]]);

    again.keeper.forgetAgent(AGENT);
    store.forgetAgent(AGENT);
    expect(store.keptSubscriptions.list().map((k) => k.endpointId)).toEqual(['proto::other']);
    again.controller.emit('contact', AGENT);
    expect(again.listed).toEqual([AGENT]);
    expect(again.created).toHaveLength(1);
  });
});
