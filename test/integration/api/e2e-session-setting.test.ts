import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { freePort, waitUntil } from '../../helpers';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const AGENT = 'proto::e2e-setting';

describe('per-agent "use E2E session" setting through the ConsoleApi', () => {
  it('is applied to the controller, validated at the boundary, and kept across a restart of the console', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const first = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    first.controller.addAgent(AGENT);
    expect(await first.api.getAgentE2ESession(AGENT)).toEqual({ enabled: false, maxRecordSize: 0, sessionId: null, refused: null });
    const set = await first.dispatcher.call('setAgentE2ESession', [AGENT, { enabled: true, maxRecordSize: 1024 }]);
    expect(set).toMatchObject({ enabled: true, maxRecordSize: 1024, sessionId: null });
    expect(first.controller.e2eSession(AGENT)).toMatchObject({ enabled: true, maxRecordSize: 1024 });
    await expect(first.dispatcher.call('setAgentE2ESession', [AGENT, { enabled: true, maxRecordSize: 100 }])).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(first.dispatcher.call('getAgentE2ESession', ['proto::nobody'])).rejects.toMatchObject({ code: 'not-found' });
    await first.close();

    const second = await createApp({ dataDir, host: 'web', appVersion: 'test', warn });
    try {
      expect(await second.api.getAgentE2ESession(AGENT)).toMatchObject({ enabled: true, maxRecordSize: 1024 });
    } finally {
      await second.close();
    }
    expect(warnings).toEqual([]);
  });
});

describe('message inspector for session-context Records', () => {
  it('shows session id, sequence numbers and segment state of each Record (trace stored in SQLite)', async () => {
    const dataDir = await tempDir();
    const { warn, warnings } = collectWarnings();
    const port = await freePort();
    const controllerEndpointId = 'self::e2e-inspector';
    const app = await createApp({
      dataDir, host: 'web', appVersion: 'test', warn, controllerEndpointId,
      webSocketListeners: [{ id: 'ws', name: 'ws', enabled: true, host: '127.0.0.1', port, path: '/usp' }],
    });
    const url = `ws://127.0.0.1:${port}/usp`;
    const agentId = 'proto::e2e-inspected';
    const transport = new WsClientTransport({ id: 'sim', url, endpointId: agentId, keepAliveIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    const sim = new SimAgent({ endpointId: agentId, controllerId: controllerEndpointId, transport, mtp: { kind: 'websocket', url }, onBoardRequest: false, tickMs: 0, e2eSession: { sessionMode: 'Allow', maxUspRecordSize: 1024 } });
    try {
      await sim.start();
      await waitUntil(() => app.controller.agent(agentId)?.online === true, 'the agent online');
      sim.model.setValue('Device.DeviceInfo.', 'Description', 'd'.repeat(8000));
      // 0: the console reads the agent's own MaxUSPRecordSize.
      expect(await app.api.setAgentE2ESession(agentId, { enabled: true, maxRecordSize: 0 })).toMatchObject({ enabled: true, maxRecordSize: 1024 });
      await app.api.refresh(agentId, 'Device.DeviceInfo.Description');
      const { sessionId } = await app.api.getAgentE2ESession(agentId);
      expect(sessionId).toEqual(expect.any(Number));

      let rows = (await app.api.queryTrace({ agentIds: [agentId] })).items;
      await waitUntil(() => rows.some((r) => r.msgType === 'GET_RESP'), 'the GetResp in the trace');
      rows = (await app.api.queryTrace({ agentIds: [agentId] })).items;
      const inSession = rows.filter((r) => r.recordKind === 'session_context');
      expect(inSession.length).toBeGreaterThan(8);
      const resp = await app.api.getTraceRecord(rows.find((r) => r.msgType === 'GET_RESP')!.id);
      expect(resp.session).toMatchObject({ sessionId, payloadSarState: 'COMPLETE', payloadrecSarState: 'COMPLETE' });
      const get = await app.api.getTraceRecord(rows.find((r) => r.msgType === 'GET')!.id);
      expect(get.session).toMatchObject({ sessionId, sequenceId: expect.any(Number), payloadSarState: 'NONE' });
      expect(get.message).toMatchObject({ header: { msg_type: 'GET' } });
      const first = await app.api.getTraceRecord(inSession.filter((r) => r.direction === 'in').at(-1)!.id);
      expect(first.session).toMatchObject({ payloadSarState: 'BEGIN', segment: 1 });
      const fourth = await app.api.getTraceRecord(inSession.filter((r) => r.direction === 'in').at(-4)!.id);
      expect(fourth.session).toMatchObject({ payloadSarState: 'INPROCESS', segment: 4, sequenceId: first.session!.sequenceId + 3 });
      expect(resp.session?.segment).toBe(resp.session!.sequenceId - first.session!.sequenceId + 1);
      expect(first.summary).toMatch(/^session \d+ seq \d+ ack \d+ BEGIN$/);
    } finally {
      await sim.stop();
      await app.close();
    }
    expect(warnings).toEqual([]);
  });
});
