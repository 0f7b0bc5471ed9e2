import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StompTransport } from '../../../src/main/mtp/stomp/stomp-transport';
import type { InboundRecord, Transport } from '../../../src/main/mtp/transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { stompAgentLink, websocketAgentLink } from '../../../src/main/sim/sim-transports';
import { buildAdd, buildOperate, buildSet, parseGetResp, parseNotify, parseOperateResp } from '../../../src/main/usp/messages';
import { buildGet } from '../../../src/main/usp/messages';
import { decodeMsg, encodeMsg, encodeRecord } from '../../../src/main/usp/codec';
import { usp_record } from '../../../src/main/usp/generated/usp-proto.js';
import { buildMsgRecord, parseRecord, type ParsedRecord } from '../../../src/main/usp/record';
import { startRabbitStomp, waitUntil, type RabbitStompBroker } from '../../helpers';

const CONTROLLER = 'self::itest-controller';

/** The controller side: our own transport, recording every Record it receives. */
function recorder(transport: Transport): { records: (ParsedRecord & { inbound: InboundRecord })[] } {
  const records: (ParsedRecord & { inbound: InboundRecord })[] = [];
  transport.on('record', (inbound) => records.push({ ...parseRecord(inbound.bytes), inbound }));
  return { records };
}

async function replyTo(records: (ParsedRecord & { inbound: InboundRecord })[], msgId: string): Promise<ParsedRecord & { inbound: InboundRecord }> {
  await waitUntil(() => records.some((r) => r.msg?.header?.msg_id === msgId), `reply ${msgId}`);
  const found = records.find((r) => r.msg?.header?.msg_id === msgId);
  if (!found) throw new Error('unreachable');
  return found;
}

describe('simulated agent over RabbitMQ STOMP', () => {
  let broker: RabbitStompBroker;
  beforeAll(async () => {
    broker = await startRabbitStomp();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('sends its STOMPConnectRecord and answers a Get on reply-to-dest', async () => {
    const controller = new StompTransport({ id: 'ctl', url: broker.url, endpointId: CONTROLLER, destination: '/queue/usp.controller.itest' });
    const { records } = recorder(controller);
    await controller.start();
    const { transport, mtp } = stompAgentLink('proto::stomp-sim', {
      url: broker.url,
      agentDestinationPrefix: '/queue/usp.agent.',
      controllerDestination: '/queue/usp.controller.itest',
    });
    const agent = new SimAgent({ endpointId: 'proto::stomp-sim', controllerId: CONTROLLER, transport, mtp, onBoardRequest: false });
    try {
      await agent.start();
      await waitUntil(() => records.some((r) => r.record.stomp_connect), 'the STOMPConnectRecord');
      expect(records.find((r) => r.record.stomp_connect)?.record.stomp_connect?.subscribed_destination).toBe('/queue/usp.agent.stomp-sim');
      await controller.send(
        controller.addressFor('/queue/usp.agent.stomp-sim'),
        buildMsgRecord({ toId: 'proto::stomp-sim', fromId: CONTROLLER, msg: buildGet('g1', ['Device.WiFi.Radio.*.Channel']) }),
      );
      const reply = await replyTo(records, 'g1');
      expect(reply.inbound.replyTo?.target).toBe('/queue/usp.agent.stomp-sim');
      expect(parseGetResp(reply.msg ?? {}).requestedPaths[0]?.resolved.map((r) => r.params.Channel)).toEqual(['6', '36']);
    } finally {
      await agent.stop();
      await controller.stop();
    }
  });
});

describe('simulated agent as WebSocket client', () => {
  it('connects with ?eid=, sends websocket_connect, and delivers an async OperationComplete to its subscriber', async () => {
    const server = new WsServerTransport({ id: 'ctl-ws', host: '127.0.0.1', port: 0, path: '/usp', endpointId: CONTROLLER });
    const { records } = recorder(server);
    const opened: (string | undefined)[] = [];
    server.on('peerOpened', (_address, eid) => opened.push(eid));
    await server.start();
    const url = `ws://127.0.0.1:${server.port}/usp`;
    const { transport, mtp } = websocketAgentLink('proto::ws-sim', url);
    const agent = new SimAgent({ endpointId: 'proto::ws-sim', controllerId: CONTROLLER, transport, mtp, onBoardRequest: false, asyncCommandMs: 30 });
    try {
      await agent.start();
      await waitUntil(() => records.some((r) => r.record.websocket_connect), 'the WebSocketConnectRecord');
      expect(opened).toEqual(['proto::ws-sim']);
      const peer = records.find((r) => r.record.websocket_connect)?.inbound.replyTo;
      if (!peer) throw new Error('no way back to the agent');
      const send = (msg: Parameters<typeof buildMsgRecord>[0]['msg']) => server.send(peer, buildMsgRecord({ toId: 'proto::ws-sim', fromId: CONTROLLER, msg }));
      await send(
        buildAdd('sub', {
          allowPartial: false,
          createObjs: [
            {
              objPath: 'Device.LocalAgent.Subscription.',
              params: [
                { param: 'Enable', value: 'true' },
                { param: 'ID', value: 'oc-1' },
                { param: 'NotifType', value: 'OperationComplete' },
                { param: 'ReferenceList', value: 'Device.IP.Diagnostics.IPPing()' },
              ],
            },
          ],
        }),
      );
      await replyTo(records, 'sub');
      await send(
        buildOperate('op', {
          command: 'Device.IP.Diagnostics.IPPing()',
          commandKey: 'ping-7',
          sendResp: true,
          inputArgs: { ProtocolVersion: 'Any', Host: 'example.com', NumberOfRepetitions: '2', Timeout: '500', DataBlockSize: '32' },
        }),
      );
      const started = parseOperateResp((await replyTo(records, 'op')).msg ?? {});
      expect(started.results[0]).toMatchObject({ executedCommand: 'Device.IP.Diagnostics.IPPing()', kind: 'async', requestPath: 'Device.LocalAgent.Request.1' });
      await waitUntil(() => records.some((r) => r.msg?.body?.request?.notify?.oper_complete), 'OperationComplete');
      const done = parseNotify(records.find((r) => r.msg?.body?.request?.notify?.oper_complete)?.msg ?? {});
      expect(done).toMatchObject({
        subscriptionId: 'oc-1',
        notification: { kind: 'oper_complete', objPath: 'Device.IP.Diagnostics.', commandName: 'IPPing()', commandKey: 'ping-7', result: { ok: true } },
      });
    } finally {
      await agent.stop();
      await server.stop();
    }
  });

  it('returns to its factory model after Device.FactoryReset() and reconnects', async () => {
    const server = new WsServerTransport({ id: 'ctl-ws-2', host: '127.0.0.1', port: 0, path: '/usp', endpointId: CONTROLLER });
    const { records } = recorder(server);
    await server.start();
    const url = `ws://127.0.0.1:${server.port}/usp`;
    const { transport, mtp } = websocketAgentLink('proto::ws-reset', url);
    const agent = new SimAgent({ endpointId: 'proto::ws-reset', controllerId: CONTROLLER, transport, mtp, onBoardRequest: false, restartDelayMs: 20 });
    const connects = () => records.filter((r) => r.record.websocket_connect);
    const send = async (msg: Parameters<typeof buildMsgRecord>[0]['msg']) => {
      const peer = connects().at(-1)?.inbound.replyTo;
      if (!peer) throw new Error('no way back to the agent');
      await server.send(peer, buildMsgRecord({ toId: 'proto::ws-reset', fromId: CONTROLLER, msg }));
    };
    try {
      await agent.start();
      await waitUntil(() => connects().length === 1, 'the first WebSocketConnectRecord');
      await send(buildSet('s', { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'FriendlyName', value: 'Lab' }] }] }));
      await replyTo(records, 's');
      await send(buildOperate('reset', { command: 'Device.FactoryReset()', commandKey: 'fr', sendResp: true, inputArgs: {} }));
      await replyTo(records, 'reset');
      await waitUntil(() => connects().length === 2, 'the WebSocketConnectRecord after the reset');
      await send(buildGet('after', ['Device.DeviceInfo.FriendlyName', 'Device.LocalAgent.EndpointID']));
      const after = parseGetResp((await replyTo(records, 'after')).msg ?? {});
      expect(after.requestedPaths.map((p) => p.resolved[0]?.params)).toEqual([{ FriendlyName: 'Living room gateway' }, { EndpointID: 'proto::ws-reset' }]);
    } finally {
      await agent.stop();
      await server.stop();
    }
  });

  it('answers Records it cannot take as obuspa does: DisconnectRecord 7106/7105/7104, undecodable bytes dropped', async () => {
    const server = new WsServerTransport({ id: 'ctl-ws-3', host: '127.0.0.1', port: 0, path: '/usp', endpointId: CONTROLLER });
    const { records } = recorder(server);
    await server.start();
    const { transport, mtp } = websocketAgentLink('proto::ws-rec', `ws://127.0.0.1:${server.port}/usp`);
    const agent = new SimAgent({ endpointId: 'proto::ws-rec', controllerId: CONTROLLER, transport, mtp, onBoardRequest: false });
    const warnings: string[] = [];
    agent.on('warning', (w) => warnings.push(w));
    const envelope = { version: '1.3', to_id: 'proto::ws-rec', from_id: CONTROLLER };
    try {
      await agent.start();
      await waitUntil(() => records.some((r) => r.record.websocket_connect), 'the WebSocketConnectRecord');
      const peer = records.find((r) => r.record.websocket_connect)?.inbound.replyTo;
      if (!peer) throw new Error('no way back to the agent');
      await server.send(peer, new Uint8Array([0xff, 0x01, 0x02]));
      await waitUntil(() => warnings.some((w) => w.startsWith('undecodable Record dropped')), 'the drop warning');
      await server.send(peer, encodeRecord({ ...envelope, session_context: { session_id: 1, sequence_id: 1, expected_id: 1 } }));
      await server.send(peer, encodeRecord({ ...envelope, payload_security: usp_record.Record.PayloadSecurity.TLS12, no_session_context: { payload: new Uint8Array([1]) } }));
      await server.send(peer, encodeRecord({ ...envelope, disconnect: { reason: 'bye', reason_code: 0 } }));
      await waitUntil(() => records.filter((r) => r.record.disconnect).length === 3, 'three DisconnectRecords');
      expect(records.filter((r) => r.record.disconnect).map((r) => r.record.disconnect?.reason_code)).toEqual([7106, 7104, 7105]);
    } finally {
      await agent.stop();
      await server.stop();
    }
  });

  it('with SessionMode Allow answers a session_context Record in the context, and refuses session id 0 with 7104', async () => {
    const server = new WsServerTransport({ id: 'ctl-ws-4', host: '127.0.0.1', port: 0, path: '/usp', endpointId: CONTROLLER });
    const { records } = recorder(server);
    await server.start();
    const { transport, mtp } = websocketAgentLink('proto::ws-e2e', `ws://127.0.0.1:${server.port}/usp`);
    const agent = new SimAgent({ endpointId: 'proto::ws-e2e', controllerId: CONTROLLER, transport, mtp, onBoardRequest: false, e2eSession: { sessionMode: 'Allow' } });
    const envelope = { version: '1.3', to_id: 'proto::ws-e2e', from_id: CONTROLLER };
    try {
      await agent.start();
      await waitUntil(() => records.some((r) => r.record.websocket_connect), 'the WebSocketConnectRecord');
      const peer = records.find((r) => r.record.websocket_connect)?.inbound.replyTo;
      if (!peer) throw new Error('no way back to the agent');
      await server.send(peer, encodeRecord({ ...envelope, session_context: { session_id: 0, sequence_id: 1, expected_id: 1 } }));
      await waitUntil(() => records.some((r) => r.record.disconnect), 'the DisconnectRecord');
      expect(records.find((r) => r.record.disconnect)?.record.disconnect?.reason_code).toBe(7104);
      const get = encodeMsg(buildGet('e2e-1', ['Device.DeviceInfo.SerialNumber']));
      await server.send(peer, encodeRecord({ ...envelope, session_context: { session_id: 77, sequence_id: 1, expected_id: 1, payload: [get] } }));
      await waitUntil(() => records.some((r) => r.record.session_context), 'the answer in the session context');
      const answer = records.find((r) => r.record.session_context)?.record.session_context;
      expect(answer).toMatchObject({ sequence_id: expect.anything(), payload_sar_state: 0 });
      expect(Number(answer?.session_id)).toBe(77);
      expect(Number(answer?.expected_id)).toBe(2);
      expect(decodeMsg(answer?.payload?.[0] ?? new Uint8Array()).header?.msg_id).toBe('e2e-1');
      expect(agent.model.get('Device.LocalAgent.Controller.1.E2ESession.Status')).toBe('Up');
    } finally {
      await agent.stop();
      await server.stop();
    }
  });
});
