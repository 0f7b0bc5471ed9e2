import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const AGENT = 'proto::offline-gw';

describe('snapshots through the ConsoleApi', () => {
  it('stores the note given at capture and lists a cache-based snapshot as cache, also after a restart', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      // An agent the console read once and that is offline now: its snapshot comes from the cache.
      first.store.recordGetResult(AGENT, [{ requestedPath: 'Device.DeviceInfo.', errCode: 0, resolved: [{ resolvedPath: 'Device.DeviceInfo.', params: { SerialNumber: 'SN-1' } }] }], Date.now());
      const captured = await first.api.captureSnapshot(AGENT, { name: 'before update', note: 'firmware 2.1 goes on tonight' });
      expect(captured).toMatchObject({ agentId: AGENT, name: 'before update', origin: 'cache', note: 'firmware 2.1 goes on tonight' });
      expect(await first.api.listSnapshots(AGENT)).toEqual([captured]);
    } finally {
      await first.close();
    }
    const second = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      expect(await second.api.listSnapshots()).toEqual([expect.objectContaining({ origin: 'cache', note: 'firmware 2.1 goes on tonight' })]);
    } finally {
      await second.close();
    }
    expect(warnings).toEqual([]);
  });

  it('diffs with secrets withheld: a changed password and passphrase are listed as changed, their values never returned', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    const secrets = ['wifi-KeyPassphrase-before', 'wifi-KeyPassphrase-after', 'user-Password-before', 'user-Password-after'];
    try {
      app.store.recordGetResult(
        AGENT,
        [
          {
            requestedPath: 'Device.',
            errCode: 0,
            resolved: [
              { resolvedPath: 'Device.WiFi.AccessPoint.1.Security.', params: { KeyPassphrase: secrets[0]!, ModeEnabled: 'WPA2-Personal' } },
              { resolvedPath: 'Device.Users.User.1.', params: { Username: 'admin', Password: secrets[2]! } },
            ],
          },
        ],
        Date.now(),
      );
      const before = await app.api.captureSnapshot(AGENT, { name: 'before' });
      app.store.applyValueChange(AGENT, 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase', secrets[1]!, Date.now());
      app.store.applyValueChange(AGENT, 'Device.Users.User.1.Password', secrets[3]!, Date.now());
      app.store.applyValueChange(AGENT, 'Device.WiFi.AccessPoint.1.Security.ModeEnabled', 'WPA3-Personal', Date.now());
      const diff = await app.api.diff({ kind: 'snapshot', snapshotId: before.id }, { kind: 'agent', agentId: AGENT });
      expect(diff.counts.changed).toBe(3);
      expect(diff.entries).toEqual([
        { path: 'Device.Users.User.1.Password', change: 'changed', left: '', right: '', redacted: true },
        { path: 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase', change: 'changed', left: '', right: '', redacted: true },
        { path: 'Device.WiFi.AccessPoint.1.Security.ModeEnabled', change: 'changed', left: 'WPA2-Personal', right: 'WPA3-Personal' },
      ]);
      const returned = JSON.stringify(diff);
      for (const secret of secrets) expect(returned).not.toContain(secret);
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });

  it('keeps the note empty when none was given', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      app.store.recordGetResult(AGENT, [{ requestedPath: 'Device.DeviceInfo.', errCode: 0, resolved: [{ resolvedPath: 'Device.DeviceInfo.', params: { SerialNumber: 'SN-1' } }] }], Date.now());
      const captured = await app.api.captureSnapshot(AGENT, {});
      expect(captured.note).toBeNull();
      expect((await app.api.listSnapshots())[0]?.note).toBeNull();
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });
});
