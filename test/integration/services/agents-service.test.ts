import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const AGENT = 'proto::details-gw';

describe('agent details', () => {
  it('report the oldest and newest cached value times, and no made-up request queue', async () => {
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
    try {
      app.store.recordGetResult(AGENT, [{ requestedPath: 'Device.DeviceInfo.', errCode: 0, resolved: [{ resolvedPath: 'Device.DeviceInfo.', params: { SerialNumber: 'SN-1', ModelName: 'GW' } }] }], 1_000);
      app.store.applyValueChange(AGENT, 'Device.DeviceInfo.ModelName', 'GW-2', 5_000);
      const detail = await app.api.getAgent(AGENT);
      expect(detail.cache).toMatchObject({ paramCount: 2, oldestValueAt: 1_000, newestValueAt: 5_000 });
      expect(detail).not.toHaveProperty('queuedRequests');
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });

  it('report no value times for an agent with nothing cached', async () => {
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
    try {
      app.store.upsertAgent(AGENT, { approval: 'approved' });
      expect((await app.api.getAgent(AGENT)).cache).toMatchObject({ paramCount: 0, oldestValueAt: null, newestValueAt: null });
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });
});
