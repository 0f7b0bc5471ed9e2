import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { MqttBrokerProfile, WithPassword } from '../../../src/shared/console-api';
import { createApp } from '../../../src/main/app/create-app';
import { SettingsService } from '../../../src/main/services/settings-service';
import { Store } from '../../../src/main/store/store';
import { freePort } from '../../helpers/free-port';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

/** A profile the MQTT transport refuses to build (port out of range), as an older console could save it. */
const BAD_BROKER: WithPassword<MqttBrokerProfile> = {
  id: 'bad-broker',
  name: 'Bad broker',
  enabled: true,
  url: 'mqtt://h:99999',
  protocolVersion: 5,
  controllerTopic: 'usp/controller/x',
  password: null,
};

/** Saves settings straight into the database, past the API's validation. */
function saveSettings(dataDir: string, update: Parameters<SettingsService['update']>[0]): void {
  const store = Store.open(dataDir, { appVersion: 'test' });
  try {
    new SettingsService(store.settings).update(update);
  } finally {
    store.close();
  }
}

/** True when this process can bind the port, i.e. nothing listens on it any more. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('createApp', () => {
  it('starts with a saved broker profile the transport refuses, and shows that profile as failed', async () => {
    const dataDir = await tempDir();
    saveSettings(dataDir, { mqttBrokers: [BAD_BROKER] });
    const warnings: string[] = [];
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn: (m) => warnings.push(m) });
    try {
      const status = await app.api.getTransportStatus();
      expect(status).toEqual([expect.objectContaining({ profileId: 'bad-broker', kind: 'mqtt', state: 'error', detail: expect.stringContaining('invalid MQTT broker URL') })]);
      expect(warnings).toContainEqual(expect.stringContaining('Bad broker'));
      expect((await app.api.getSettings()).mqttBrokers.map((p) => p.id)).toEqual(['bad-broker']);
    } finally {
      await app.close();
    }
  });

  it('keeps a profile the transport refuses from failing updateSettings, saved and shown as failed so it can be corrected', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      // The facade itself (past the validation the hosts apply), as the composition root wires it.
      const settings = await app.api.updateSettings({ mqttBrokers: [BAD_BROKER] });
      expect(settings.mqttBrokers.map((p) => p.id)).toEqual(['bad-broker']);
      expect(await app.api.getTransportStatus()).toEqual([expect.objectContaining({ profileId: 'bad-broker', state: 'error' })]);
      const corrected = await app.api.updateSettings({ mqttBrokers: [{ ...BAD_BROKER, enabled: false, url: 'mqtt://127.0.0.1:1883' }] });
      expect(corrected.mqttBrokers[0]?.url).toBe('mqtt://127.0.0.1:1883');
      expect(await app.api.getTransportStatus()).toEqual([expect.objectContaining({ profileId: 'bad-broker', state: 'disabled' })]);
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });

  it('refuses a broker URL with a port out of range at the API boundary, and saves nothing', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const app = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      const { hasPassword: _hasPassword, ...profile } = { ...BAD_BROKER, hasPassword: false };
      await expect(app.dispatcher.call('updateSettings', [{ mqttBrokers: [profile] }])).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('port of 1–65535') });
      expect((await app.api.getSettings()).mqttBrokers).toEqual([]);
    } finally {
      await app.close();
    }
    expect(warnings).toEqual([]);
  });

  it('closes what it started when the start fails half-way', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    saveSettings(dataDir, {
      webSocketListeners: [{ id: 'ws', name: 'WebSocket', enabled: true, host: '127.0.0.1', port, path: '/usp' }],
      mqttBrokers: [BAD_BROKER],
    });
    // The warning about the failed profile comes after the listener started; a warn that throws fails the start there.
    const failing = createApp({ dataDir, host: 'web', appVersion: 'test', warn: () => { throw new Error('warn failed'); } });
    await expect(failing).rejects.toThrow('warn failed');
    expect(await portIsFree(port)).toBe(true);
  });
});
