import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const listener = (id: string, name: string) => ({ id, name, enabled: false, host: '127.0.0.1', port: 0, path: '/usp' });

describe('createApp: profiles given as flags', () => {
  it('join the saved settings, replace a saved profile of the same id, and come back at the next start', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn, webSocketListeners: [listener('a', 'saved A'), listener('b', 'saved B')] });
    await first.close();

    const second = await createApp({
      dataDir,
      host: 'web',
      appVersion: 'test',
      warn,
      controllerEndpointId: 'self::flag-controller',
      webSocketListeners: [listener('b', 'flag B'), listener('c', 'flag C')],
    });
    try {
      const settings = await second.api.getSettings();
      expect(settings.controllerEndpointId).toBe('self::flag-controller');
      expect(settings.webSocketListeners.map((l) => [l.id, l.name])).toEqual([['a', 'saved A'], ['b', 'flag B'], ['c', 'flag C']]);
      expect((await second.api.getAppInfo()).controllerEndpointId).toBe('self::flag-controller');
    } finally {
      await second.close();
    }

    const third = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      expect((await third.api.getSettings()).webSocketListeners.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    } finally {
      await third.close();
    }
    expect(warnings).toEqual([]);
  });

  it('closes once: a second close() is harmless', async () => {
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
    await app.close();
    await expect(app.close()).resolves.toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
