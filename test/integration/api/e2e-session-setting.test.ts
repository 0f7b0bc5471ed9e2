import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';

const AGENT = 'proto::e2e-setting';

describe('per-agent "use E2E session" setting through the ConsoleApi', () => {
  it('is applied to the controller, validated at the boundary, and kept across a restart of the console', async () => {
    const dataDir = await tempDir();
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn: () => undefined });
    first.controller.addAgent(AGENT);
    expect(await first.api.getAgentE2ESession(AGENT)).toEqual({ enabled: false, maxRecordSize: 0, sessionId: null, refused: null });
    const set = await first.dispatcher.call('setAgentE2ESession', [AGENT, { enabled: true, maxRecordSize: 1024 }]);
    expect(set).toMatchObject({ enabled: true, maxRecordSize: 1024, sessionId: null });
    expect(first.controller.e2eSession(AGENT)).toMatchObject({ enabled: true, maxRecordSize: 1024 });
    await expect(first.dispatcher.call('setAgentE2ESession', [AGENT, { enabled: true, maxRecordSize: 100 }])).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(first.dispatcher.call('getAgentE2ESession', ['proto::nobody'])).rejects.toMatchObject({ code: 'not-found' });
    await first.close();

    const second = await createApp({ dataDir, host: 'web', appVersion: 'test', warn: () => undefined });
    try {
      expect(await second.api.getAgentE2ESession(AGENT)).toMatchObject({ enabled: true, maxRecordSize: 1024 });
    } finally {
      await second.close();
    }
  });
});
