import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const DAY = 86_400_000;

describe('notification retention', () => {
  it('drops notifications older than the configured days when the console starts, keeps the rest', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    const add = (age: number, msgId: string) =>
      first.store.addNotification({
        endpointId: 'proto::r',
        receivedAt: Date.now() - age,
        msgId,
        subscriptionId: 's',
        sendResp: false,
        kind: 'ObjectDeletion',
        path: 'Device.X.1.',
        detail: { objPath: 'Device.X.1.' },
      });
    add(6 * DAY, 'older');
    // Fewer days saved: what is now too old goes at once, not at the next hourly prune.
    await first.api.updateSettings({ retention: { notificationDays: 2, traceDays: 7, maxTraceRows: 0 } });
    expect((await first.api.queryNotifications({})).items).toEqual([]);
    add(3 * DAY, 'old');
    add(DAY, 'recent');
    await first.close();

    const second = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      const kept = await second.api.queryNotifications({});
      expect(kept.items.map((n) => n.msgId)).toEqual(['recent']);
      expect(kept.items[0]).toMatchObject({ type: 'ObjectDeletion', objPath: 'Device.X.1.' });
    } finally {
      await second.close();
    }
    expect(warnings).toEqual([]);
  });

  it('applies changed trace bounds at once and again after a restart; drops trace Records older than the days kept', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const record = (at: number, size: number, msgId: string) => ({
      endpointId: 'proto::r', direction: 'in' as const, at, transportId: 'ws', mtp: 'websocket' as const, recordType: 'no_session_context', recordVersion: '1.3',
      fromId: 'proto::r', toId: 'self::c', msgId, msgType: 'NOTIFY', bytes: new Uint8Array(size), summary: 'notify', decodeError: null,
    });
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    expect((await first.api.getSettings()).retention).toMatchObject({ traceRecordKiB: 64, maxTraceMiB: 256 });
    first.store.addTrace(record(Date.now(), 4 * 1024 * 1024, 'big-before'));
    expect(first.store.trace.bytesHeld).toBe(64 * 1024);
    const saved = await first.api.updateSettings({ retention: { notificationDays: 30, traceDays: 1, maxTraceRows: 0, traceRecordKiB: 2, maxTraceMiB: 1 } });
    expect(saved.retention).toEqual({ notificationDays: 30, traceDays: 1, maxTraceRows: 0, traceRecordKiB: 2, maxTraceMiB: 1 });
    const id = first.store.addTrace(record(Date.now(), 10_000, 'after'));
    expect(first.store.trace.get(id)).toMatchObject({ byteSize: 10_000, decodeError: 'only the first 2048 of 10000 bytes were kept' });
    // Left out of an update, the byte bounds keep their values.
    await first.api.updateSettings({ retention: { notificationDays: 30, traceDays: 1, maxTraceRows: 0 } });
    expect((await first.api.getSettings()).retention).toMatchObject({ traceRecordKiB: 2, maxTraceMiB: 1 });
    first.store.addTrace(record(Date.now() - 2 * DAY, 100, 'old'));
    await first.api.updateSettings({ retention: { notificationDays: 30, traceDays: 1, maxTraceRows: 0 } });
    expect((await first.api.queryTrace({})).items.map((t) => t.msgId)).toEqual(['after', 'big-before']);
    first.store.addTrace(record(Date.now() - 2 * DAY, 100, 'old-again'));
    await first.close();

    const second = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      expect(second.store.trace.bounds).toEqual({ prefixBytes: 2048, maxBytes: 1024 * 1024 });
      expect((await second.api.queryTrace({})).items.map((t) => t.msgId)).toEqual(['after', 'big-before']);
    } finally {
      await second.close();
    }
    expect(warnings).toEqual([]);
  });
});
