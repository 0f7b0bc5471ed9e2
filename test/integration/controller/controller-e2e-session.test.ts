import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Controller, type TraceEntry } from '../../../src/main/controller';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { SimAgent, type SimE2ESession } from '../../../src/main/sim/sim-agent';
import { decodeRecord, encodeRecord } from '../../../src/main/usp/codec';
import { readSessionRecord, SarState, type SessionRecord } from '../../../src/main/usp/session/session-record';
import { collectEvents, startWsRelay, waitForEvent, waitUntil, type WsRelay } from '../../helpers';

const CONTROLLER_ID = 'self::usp-console-e2e';

let ws: WsServerTransport;
let relay: WsRelay;
let controller: Controller;
let traces: TraceEntry[] = [];
const sims: SimAgent[] = [];
/** Added to the simulated agents' clock, so a test can let a session context expire without sleeping. */
let clockOffsetMs = 0;

function sessionOf(bytes: Uint8Array): SessionRecord | null {
  const record = decodeRecord(bytes);
  return record.session_context ? readSessionRecord(record.session_context) : null;
}

async function startSim(name: string, e2eSession: SimE2ESession): Promise<SimAgent> {
  const url = `${relay.url}/usp`;
  const endpointId = `proto::${name}`;
  const transport = new WsClientTransport({ id: `sim-${name}`, url, endpointId, keepAliveIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
  const sim = new SimAgent({
    endpointId,
    controllerId: CONTROLLER_ID,
    transport,
    mtp: { kind: 'websocket', url },
    onBoardRequest: false,
    tickMs: 100,
    restartDelayMs: 50,
    e2eSession,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  sims.push(sim);
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === endpointId && c.online);
  await sim.start();
  await online;
  return sim;
}

/** A value of `size` printable characters that no run-length trick can shorten. */
function bigValue(size: number): string {
  let out = '';
  let x = 7;
  while (out.length < size) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(33 + (x % 90));
  }
  return out;
}

const inSession = (t: TraceEntry) => t.recordType === 'session_context';

beforeAll(async () => {
  ws = new WsServerTransport({ id: 'ws', host: '127.0.0.1', port: 0, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0 });
  await ws.start();
  relay = await startWsRelay(`ws://127.0.0.1:${ws.port}`);
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [ws], requestTimeoutMs: 20_000, queryProtocolOnContact: false });
  controller.on('trace', (t) => traces.push(t));
});

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
  relay.setFilter((_d, frame) => [frame]);
  traces = [];
  clockOffsetMs = 0;
});

afterAll(async () => {
  controller.close();
  await relay.stop();
  await ws.stop();
});

describe('E2E session context between the controller and the simulated agent over WebSocket', () => {
  it('carries a 1 MB GetResp in 1 KiB segments and reassembles it', async () => {
    const sim = await startSim('e2e-big', { sessionMode: 'Allow', maxUspRecordSize: 1024 });
    const value = bigValue(1024 * 1024);
    sim.model.setValue('Device.DeviceInfo.', 'Description', value);
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 1024 });

    const result = await controller.get(sim.endpointId, ['Device.DeviceInfo.Description']);
    expect(result.requestedPaths[0]?.resolved[0]?.params.Description).toBe(value);

    const incoming = traces.filter((t) => t.direction === 'in' && inSession(t));
    expect(incoming.length).toBeGreaterThan(1024);
    expect(Math.max(...incoming.map((t) => t.bytes.length))).toBeLessThanOrEqual(1024);
    const segments = incoming.map((t) => sessionOf(t.bytes)!);
    expect(new Set(segments.map((s) => s.sessionId))).toEqual(new Set([controller.e2eSession(sim.endpointId).sessionId]));
    expect(segments[0]?.payloadSarState).toBe(SarState.BEGIN);
    expect(segments.at(-1)?.payloadSarState).toBe(SarState.COMPLETE);
    // The trace records session id, sequence and segment state; the completing Record names the Msg.
    expect(incoming.at(-1)).toMatchObject({ messageKind: 'get_resp', summary: expect.stringMatching(/^session \d+ seq \d+ ack \d+ COMPLETE: get_resp/) });
    const sent = traces.find((t) => t.direction === 'out' && inSession(t));
    expect(sent?.summary).toMatch(/^session \d+ seq 1 ack 1: get Device.DeviceInfo.Description/);
  });

  it('fetches a lost segment with retransmit_id and puts reordered segments back in order', async () => {
    const sim = await startSim('e2e-lossy', { sessionMode: 'Allow', maxUspRecordSize: 1024, maxRetransmitTries: 3 });
    const value = bigValue(64 * 1024);
    sim.model.setValue('Device.DeviceInfo.', 'Description', value);
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 1024 });
    const dropped: number[] = [];
    let held: Buffer | null = null;
    let reordered = false;
    relay.setFilter((direction, frame) => {
      const s = direction === 'toServer' ? sessionOf(frame) : null;
      if (!s || s.payloadSarState === SarState.NONE) return [frame];
      if (s.sequenceId === 10 && !dropped.includes(10)) {
        dropped.push(10);
        return [];
      }
      if (s.sequenceId === 20 && held === null) {
        held = frame;
        return [];
      }
      if (s.sequenceId === 22 && held !== null && !reordered) {
        reordered = true;
        return [frame, held];
      }
      return [frame];
    });

    const result = await controller.get(sim.endpointId, ['Device.DeviceInfo.Description']);
    expect(result.requestedPaths[0]?.resolved[0]?.params.Description).toBe(value);
    expect(dropped).toEqual([10]);
    expect(reordered).toBe(true);
    const requests = traces.filter((t) => t.direction === 'out' && inSession(t)).map((t) => sessionOf(t.bytes)!);
    expect(requests.map((r) => r.retransmitId)).toContain(10);
  });

  it('starts a new context when the agent restarts mid-session and resends the unanswered request (R-E2E.24)', async () => {
    const sim = await startSim('e2e-reboot', { sessionMode: 'Allow' });
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 0 });
    await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    const first = controller.e2eSession(sim.endpointId).sessionId;
    expect(first).not.toBeNull();

    const booted = new Promise<void>((resolve) => sim.once('booted', () => resolve()));
    await controller.operate(sim.endpointId, { command: 'Device.Reboot()', commandKey: 'e2e' });
    await booted;
    await controller.waitForAgent(sim.endpointId, 10_000);
    const warnings: string[] = [];
    controller.on('warning', (w) => warnings.push(w.message));

    const after = await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(after.requestedPaths[0]?.errCode).toBe(0);
    const second = controller.e2eSession(sim.endpointId).sessionId;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(warnings.some((w) => /E2E session restarted/.test(w))).toBe(true);
  });

  it('restarts a context that expired on the agent (SessionExpiration, R-E2E.7)', async () => {
    const sim = await startSim('e2e-expiry', { sessionMode: 'Allow', sessionExpiration: 60 });
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 0 });
    await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    const first = controller.e2eSession(sim.endpointId).sessionId;
    clockOffsetMs = 61_000;
    const again = await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(again.requestedPaths[0]?.errCode).toBe(0);
    expect(controller.e2eSession(sim.endpointId).sessionId).not.toBe(first);
  });

  it('follows an agent that requires a context (SessionMode Require) without being asked', async () => {
    const sim = await startSim('e2e-require', { sessionMode: 'Require' });
    const result = await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(result.requestedPaths[0]?.errCode).toBe(0);
    expect(controller.e2eSession(sim.endpointId)).toMatchObject({ enabled: false, sessionId: expect.any(Number) });
    await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(traces.filter((t) => t.direction === 'out').map((t) => t.recordType)).toEqual(['no_session_context', 'session_context']);
  });

  it('answers without a context once the user turns it off, although the agent still holds one (R-MSG.0a)', async () => {
    const sim = await startSim('e2e-off', { sessionMode: 'Allow' });
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 0 });
    await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(traces.filter((t) => t.direction === 'in').map((t) => t.recordType)).toContain('session_context');
    controller.setE2ESession(sim.endpointId, { enabled: false, maxRecordSize: 0 });
    traces = [];
    const result = await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(result.requestedPaths[0]?.errCode).toBe(0);
    expect(traces.map((t) => `${t.direction} ${t.recordType}`)).toEqual(['out no_session_context', 'in no_session_context']);
    expect(controller.e2eSession(sim.endpointId).sessionId).toBeNull();
  });

  it('drops a session id 0 and answers a Record of an unknown context by starting a new one (R-E2E.3/24)', async () => {
    const endpointId = 'proto::e2e-raw';
    const agent = new WsClientTransport({ id: 'raw', url: `ws://127.0.0.1:${ws.port}/usp`, endpointId, keepAliveIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    const got: SessionRecord[] = [];
    agent.on('record', (inbound) => {
      const s = sessionOf(inbound.bytes);
      if (s) got.push(s);
    });
    const { events: dropped, stop } = collectEvents(controller, 'recordDropped');
    await agent.start();
    try {
      const to = agent.addressFor(`ws://127.0.0.1:${ws.port}/usp`);
      const envelope = { version: '1.3', to_id: CONTROLLER_ID, from_id: endpointId };
      await agent.send(to, encodeRecord({ ...envelope, session_context: { session_id: 0, sequence_id: 1, expected_id: 1 } }));
      await waitUntil(() => dropped.some(([d]) => /session id 0 must be/.test(d.reason)), 'the drop of session id 0');
      stop();
      await agent.send(to, encodeRecord({ ...envelope, session_context: { session_id: 4242, sequence_id: 5, expected_id: 3 } }));
      await waitUntil(() => got.length > 0, 'the new context');
      expect(got[0]).toMatchObject({ sequenceId: 1, expectedId: 1, payload: [] });
      expect(got[0]?.sessionId).not.toBe(4242);
    } finally {
      await agent.stop();
      controller.forgetAgent(endpointId);
    }
  });

  it('stops asking for contexts when the agent refuses them with DisconnectRecord 7106 (R-E2E.6a)', async () => {
    const sim = await startSim('e2e-forbid', { sessionMode: 'Forbid' });
    controller.setE2ESession(sim.endpointId, { enabled: true, maxRecordSize: 0 });
    await expect(controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber'])).rejects.toThrow(/7106/);
    expect(controller.e2eSession(sim.endpointId)).toMatchObject({ enabled: false, sessionId: null, refused: expect.stringMatching(/does not allow/) });
    expect(controller.agent(sim.endpointId)?.online).toBe(true);
    const result = await controller.get(sim.endpointId, ['Device.DeviceInfo.SerialNumber']);
    expect(result.requestedPaths[0]?.errCode).toBe(0);
  });
});
