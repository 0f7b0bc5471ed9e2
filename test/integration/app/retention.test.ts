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
    await first.api.updateSettings({ retention: { notificationDays: 2, traceDays: 7, maxTraceRows: 0 } });
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
});
