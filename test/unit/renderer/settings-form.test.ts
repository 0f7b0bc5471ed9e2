import { describe, expect, it } from 'vitest';
import type { ConsoleSettings } from '../../../src/shared/console-api';
import { draftProblems, newListener, toDraft, toSettingsUpdate } from '../../../src/renderer/features/settings/settings-form';
import { parseDiffSide } from '../../../src/renderer/features/snapshots/diff-sides';

const settings: ConsoleSettings = {
  controllerEndpointId: 'proto::usp-console',
  webSocketListeners: [{ id: 'ws1', name: 'lab', enabled: true, host: '127.0.0.1', port: 8080, path: '/usp' }],
  mqttBrokers: [{ id: 'm1', name: 'mosq', enabled: true, url: 'mqtt://127.0.0.1:1883', protocolVersion: 5, hasPassword: true, username: 'u', controllerTopic: 'usp/c' }],
  stompBrokers: [{ id: 's1', name: 'rabbit', enabled: false, host: '127.0.0.1', port: 61613, hasPassword: false, controllerDestination: '/queue/c' }],
  approvalMode: 'hold',
  retention: { notificationDays: 30, traceDays: 7, maxTraceRows: 1_000_000, traceRecordKiB: 64, maxTraceMiB: 256 },
  requestTimeoutMs: 30_000,
  certificates: { trustedCaFile: null, certFile: null, keyFile: null },
};

describe('settings form', () => {
  it('sends passwords only when typed or cleared, never hasPassword', () => {
    const d = toDraft(settings);
    expect(toSettingsUpdate(d).mqttBrokers).toEqual([{ id: 'm1', name: 'mosq', enabled: true, url: 'mqtt://127.0.0.1:1883', protocolVersion: 5, username: 'u', controllerTopic: 'usp/c' }]);
    d.mqttBrokers[0]!.password = 'secret';
    d.stompBrokers[0]!.password = null;
    const u = toSettingsUpdate(d);
    expect(u.mqttBrokers?.[0]).toMatchObject({ password: 'secret' });
    expect(u.stompBrokers?.[0]).toMatchObject({ password: null });
    expect(settings.mqttBrokers[0]).not.toHaveProperty('password');
  });

  it('reports fixable problems', () => {
    const d = toDraft(settings);
    expect(draftProblems(d)).toEqual([]);
    d.controllerEndpointId = 'no-authority';
    d.webSocketListeners.push({ ...newListener(), id: 'ws1', port: 70000, path: 'usp' });
    d.mqttBrokers[0]!.url = 'http://x';
    d.retention.traceRecordKiB = 0;
    d.retention.maxTraceMiB = 1_048_577;
    expect(draftProblems(d)).toEqual([
      'Endpoint ID must look like authority-scheme::id, e.g. proto::usp-console.',
      'Each message keeps 1 to 16384 KiB in the trace.',
      'Max stored message bytes must be 0 (no limit) to 1048576 MiB.',
      'Profile ids must be unique.',
      'Listener WebSocket listener: port must be 1-65535.',
      'Listener WebSocket listener: path must start with /.',
      'MQTT mosq: URL must start with mqtt://, mqtts://, ws:// or wss://.',
    ]);
  });
});

describe('diff sides', () => {
  it('parses snapshot and agent choices', () => {
    expect(parseDiffSide('s:42')).toEqual({ kind: 'snapshot', snapshotId: '42' });
    expect(parseDiffSide('a:proto::x')).toEqual({ kind: 'agent', agentId: 'proto::x' });
    expect(parseDiffSide('l:proto::x')).toEqual({ kind: 'agent', agentId: 'proto::x', live: true });
    expect(parseDiffSide('x')).toBeNull();
    expect(parseDiffSide(null)).toBeNull();
  });
});
