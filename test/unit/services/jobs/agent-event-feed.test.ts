import { describe, expect, it } from 'vitest';
import { AgentEventFeed, MAX_KEPT_NOTIFICATIONS, RECENT_COMPLETIONS } from '../../../../src/main/services/jobs/agent-event-feed';
import type { Notification } from '../../../../src/main/usp/messages';

const event = (name: string): Notification => ({ kind: 'event', objPath: 'Device.', eventName: name, params: {} });
const named = (name: string) => (n: Notification) => n.kind === 'event' && n.eventName === name;

describe('AgentEventFeed', () => {
  it("keeps an agent's notifications until a step asks, hands future ones to a waiting step, and ignores other agents", async () => {
    const feed = new AgentEventFeed();
    const watch = feed.watch('proto::a');
    feed.push('proto::a', event('Early!'));
    feed.push('proto::b', event('Boot!'));
    expect(await watch.next(named('Early!'), 0)).toEqual(event('Early!'));
    expect(await watch.next(named('Boot!'), 5)).toBeNull();
    const boot = watch.next(named('Boot!'), 1000);
    feed.push('proto::a', event('Other!'));
    feed.push('proto::a', event('Boot!'));
    expect(await boot).toEqual(event('Boot!'));
    expect(await watch.next(named('Other!'), 0)).toEqual(event('Other!'));
    await expect(Promise.all([watch.next(named('X!'), 50), watch.next(named('Y!'), 50)])).rejects.toThrow('a watch serves one waiter at a time');
  });

  it('keeps at most MAX_KEPT_NOTIFICATIONS (the oldest go first), and a closed watch hears nothing more', async () => {
    const feed = new AgentEventFeed();
    const watch = feed.watch('proto::a');
    for (let i = 0; i <= MAX_KEPT_NOTIFICATIONS; i++) feed.push('proto::a', event(`E${i}!`));
    expect(await watch.next(named('E0!'), 0)).toBeNull();
    expect(await watch.next(named('E1!'), 0)).toEqual(event('E1!'));
    const pending = watch.next(named('Late!'), 1000);
    watch.close();
    expect(await pending).toBeNull();
    feed.push('proto::a', event('Late!'));
    expect(await watch.next(named('Late!'), 0)).toBeNull();
  });

  it("starts a watch with the agent's recent OperationCompletes (the newest RECENT_COMPLETIONS), not its other notifications", async () => {
    const feed = new AgentEventFeed();
    const done = (key: string): Notification => ({ kind: 'oper_complete', objPath: 'Device.X.', commandName: 'Y()', commandKey: key, result: { ok: true, outputArgs: {} } });
    const byKey = (key: string) => (n: Notification) => n.kind === 'oper_complete' && n.commandKey === key;
    for (let i = 0; i <= RECENT_COMPLETIONS; i++) feed.push('proto::a', done(`k${i}`));
    feed.push('proto::a', event('Boot!'));
    const watch = feed.watch('proto::a');
    expect(await watch.next(byKey('k0'), 0)).toBeNull();
    expect(await watch.next(byKey(`k${RECENT_COMPLETIONS}`), 0)).toEqual(done(`k${RECENT_COMPLETIONS}`));
    expect(await watch.next(named('Boot!'), 0)).toBeNull();
    expect(await feed.watch('proto::b').next(byKey('k1'), 0)).toBeNull();
  });
});
