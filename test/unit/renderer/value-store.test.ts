import { describe, expect, it } from 'vitest';
import { ValueStore } from '../../../src/renderer/lib/value-store';

describe('ValueStore', () => {
  it('newer readAt wins over a late cache answer, and only the changed row is notified', () => {
    const store = new ValueStore();
    const calls: string[] = [];
    store.subscribe('a1', 'Device.X', () => calls.push('X'));
    store.subscribe('a1', 'Device.Y', () => calls.push('Y'));
    store.seed('a1', [{ path: 'Device.X', value: '1', readAt: 100 }, { path: 'Device.Y', value: 'y', readAt: 100 }]);
    expect(calls).toEqual(['X', 'Y']);
    calls.length = 0;

    store.apply([
      { agentId: 'a1', path: 'Device.X', value: '2', readAt: 200, source: 'notify' },
      { agentId: 'a1', path: 'Device.X', value: '3', readAt: 210, source: 'notify' },
    ], 1000);
    expect(calls).toEqual(['X']);
    expect(store.get('a1', 'Device.X')).toEqual({ value: '3', readAt: 210, changedAt: 1000 });

    // A cached answer read before the push must not overwrite it.
    expect(store.seed('a1', [{ path: 'Device.X', value: '1', readAt: 150 }])).toBe(0);
    expect(store.get('a1', 'Device.X')?.value).toBe('3');
  });

  it('marks a value changed only when it differs, and keeps agents apart', () => {
    const store = new ValueStore();
    store.seed('a1', [{ path: 'P', value: 'same', readAt: 1 }]);
    store.apply([{ agentId: 'a1', path: 'P', value: 'same', readAt: 2, source: 'get' }], 50);
    expect(store.get('a1', 'P')).toEqual({ value: 'same', readAt: 2, changedAt: null });
    store.apply([{ agentId: 'a2', path: 'P', value: 'other', readAt: 3, source: 'get' }], 60);
    expect(store.get('a1', 'P')?.value).toBe('same');
    expect(store.get('a2', 'P')).toEqual({ value: 'other', readAt: 3, changedAt: null });
  });

  it('stops notifying after unsubscribe', () => {
    const store = new ValueStore();
    let n = 0;
    const off = store.subscribe('a', 'P', () => n++);
    store.apply([{ agentId: 'a', path: 'P', value: '1', readAt: 1, source: 'get' }], 1);
    off();
    store.apply([{ agentId: 'a', path: 'P', value: '2', readAt: 2, source: 'get' }], 2);
    expect(n).toBe(1);
  });
});
