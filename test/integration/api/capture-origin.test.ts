import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { Store } from '../../../src/main/store/store';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

// Issue 9 finding 6: a capture never passes the cache off as live.
describe('captureSnapshot of an offline agent', () => {
  it('refuses live: true with agent-offline, and says "cache" when it fell back', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const seed = Store.open(dataDir, { appVersion: 'test' });
    seed.applyValueChange('proto::offline-1', 'Device.DeviceInfo.FriendlyName', 'lab', 1);
    seed.close();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      await expect(app.dispatcher.call('captureSnapshot', ['proto::offline-1', { live: true }])).rejects.toMatchObject({ code: 'agent-offline' });
      const fallback = (await app.dispatcher.call('captureSnapshot', ['proto::offline-1'])) as { origin: string };
      expect(fallback.origin).toBe('cache');
      const cached = (await app.dispatcher.call('captureSnapshot', ['proto::offline-1', { live: false }])) as { origin: string };
      expect(cached.origin).toBe('cache');
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });
});
