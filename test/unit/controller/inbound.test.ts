import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../../src/main/controller/inbound';
import { usp, usp_record } from '../../../src/main/usp/generated/usp-proto.js';
import { encodeMsg, encodeRecord } from '../../../src/main/usp/codec';
import * as m from '../../../src/main/usp/messages';
import { buildMsgRecord } from '../../../src/main/usp/record';

const OWN = 'self::usp-console';
const AGENT = 'proto::obuspa-lab-1';
const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../../fixtures/obuspa-11.0.4', name)));

describe('classifyInbound', () => {
  it('accepts the real agent\'s MQTTConnectRecord and Notify addressed to us', () => {
    const connect = classifyInbound(fixture('mqtt_01_mqtt_connect_usp_controller_usp-console.bin'), OWN, undefined);
    expect(connect).toMatchObject({ ok: true, endpointId: AGENT, msg: null });
    const notify = classifyInbound(fixture('mqtt_02_NOTIFY_usp_controller_usp-console.bin'), OWN, undefined);
    expect(notify.ok && notify.msg && m.messageKind(notify.msg)).toBe('notify');
  });

  it('drops Records addressed to another controller (R-E2E.1)', () => {
    const result = classifyInbound(fixture('mqtt_02_NOTIFY_usp_controller_usp-console.bin'), 'self::other', undefined);
    expect(result).toMatchObject({ ok: false, reason: 'addressed to "self::usp-console", not to us', errorReply: null });
  });

  it('drops a Record whose from_id differs from the Endpoint ID the connection announced', () => {
    const result = classifyInbound(fixture('ctrlsrv_02_rx_NOTIFY.bin'), OWN, 'proto::impostor');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/differs from the Endpoint ID "proto::impostor"/);
  });

  it('drops bytes that are no Record without an Error reply', () => {
    expect(classifyInbound(new Uint8Array([0xff, 0xff, 0xff]), OWN, undefined)).toMatchObject({ ok: false, endpointId: null, errorReply: null });
  });

  it('offers Error 7004 for a malformed request whose msg_id can be read (R-MTP.5)', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: AGENT, msg: { header: { msg_id: 'n-1', msg_type: 3 }, body: { request: { notify: {} } } } });
    const result = classifyInbound(bytes, OWN, undefined);
    expect(result).toMatchObject({ ok: false, endpointId: AGENT, errorReply: { msgId: 'n-1', errCode: 7004 } });
  });

  it('gives no Error reply for a malformed response (only requests are answered)', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: AGENT, msg: { header: { msg_id: 'r-1', msg_type: 2 }, body: { request: { notify: {} } } } });
    expect(classifyInbound(bytes, OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
  });

  it('passes session-context Records on to the session layer and drops TLS12 payloads, which this controller does not support', () => {
    const payload = encodeMsg(m.buildGet('x', ['Device.']));
    const session = encodeRecord({ version: '1.3', to_id: OWN, from_id: AGENT, session_context: { session_id: 5, sequence_id: 1, expected_id: 1, payload: [payload] } });
    expect(classifyInbound(session, OWN, undefined)).toMatchObject({ ok: true, msg: null, endpointId: AGENT });
    const tls = encodeRecord({ version: '1.3', to_id: OWN, from_id: AGENT, payload_security: usp_record.Record.PayloadSecurity.TLS12, no_session_context: { payload } });
    expect(classifyInbound(tls, OWN, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/TLS12/) });
  });

  it('drops a Record without from_id', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: '', msg: m.buildGet('x', ['Device.']) });
    expect(classifyInbound(bytes, OWN, undefined)).toMatchObject({ ok: false, reason: 'Record has no from_id' });
  });
});

describe('classifyInbound, edge by edge', () => {
  const T = usp.Header.MsgType;
  /** A Record that decodes leniently but fails the strict checks: a Notify body with no notification. */
  const malformed = (msgType: number, options: { toId?: string; fromId?: string; msgId?: string } = {}) =>
    buildMsgRecord({
      toId: options.toId ?? OWN,
      fromId: options.fromId ?? AGENT,
      msg: { header: { msg_id: options.msgId ?? 'm-1', msg_type: msgType }, body: { request: { notify: {} } } },
    });

  it('offers Error 7004 for every kind of malformed request, and for no response', () => {
    const requests = [T.GET, T.NOTIFY, T.SET, T.OPERATE, T.ADD, T.DELETE, T.GET_SUPPORTED_DM, T.GET_INSTANCES, T.GET_SUPPORTED_PROTO, T.REGISTER, T.DEREGISTER];
    for (const type of requests) {
      expect(classifyInbound(malformed(type), OWN, undefined), `type ${type}`).toMatchObject({ ok: false, endpointId: AGENT, errorReply: { msgId: 'm-1', errCode: 7004 } });
    }
    const responses = [T.ERROR, T.GET_RESP, T.NOTIFY_RESP, T.SET_RESP, T.OPERATE_RESP, T.ADD_RESP, T.DELETE_RESP, T.GET_SUPPORTED_DM_RESP, T.GET_INSTANCES_RESP, T.GET_SUPPORTED_PROTO_RESP, T.REGISTER_RESP, T.DEREGISTER_RESP];
    for (const type of responses) {
      expect(classifyInbound(malformed(type), OWN, undefined), `type ${type}`).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
    }
  });

  it('carries the decode error into the reason and the Error message', () => {
    const result = classifyInbound(malformed(T.GET), OWN, undefined);
    expect(result.ok).toBe(false);
    if (result.ok || !result.errorReply) throw new Error('expected an Error reply');
    expect(result.reason).toBe(`undecodable Record: ${result.errorReply.errMsg}`);
    expect(result.errorReply.errMsg.length).toBeGreaterThan(0);
  });

  it('gives no Error reply to a malformed Record addressed to someone else, from nobody, or without msg_id', () => {
    expect(classifyInbound(malformed(T.GET, { toId: 'self::other' }), OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
    expect(classifyInbound(malformed(T.GET, { fromId: '' }), OWN, undefined)).toMatchObject({ ok: false, endpointId: null, errorReply: null });
    expect(classifyInbound(malformed(T.GET, { msgId: '' }), OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
  });

  it('gives no Error reply when the payload is empty or is no Msg', () => {
    const empty = encodeRecord({ version: '1.3', to_id: OWN, from_id: AGENT, no_session_context: { payload: new Uint8Array(0) } });
    expect(classifyInbound(empty, OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
    const garbage = encodeRecord({ version: '1.3', to_id: OWN, from_id: AGENT, no_session_context: { payload: new Uint8Array([0x0a, 0xff, 0xff, 0xff]) } });
    expect(classifyInbound(garbage, OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
  });

  it('drops a Record with an empty to_id, naming the sender', () => {
    const bytes = buildMsgRecord({ toId: '', fromId: AGENT, msg: m.buildGet('x', ['Device.']) });
    expect(classifyInbound(bytes, OWN, undefined)).toMatchObject({ ok: false, reason: 'addressed to "", not to us', endpointId: AGENT });
  });

  it('accepts a Record whose from_id matches the Endpoint ID the connection announced', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: AGENT, msg: m.buildGet('g-1', ['Device.']) });
    expect(classifyInbound(bytes, OWN, AGENT)).toMatchObject({ ok: true, endpointId: AGENT });
    expect(classifyInbound(bytes, OWN, 'proto::other')).toMatchObject({ ok: false, endpointId: null });
  });
});

describe('classifyInbound, Endpoint IDs and msg_ids it refuses', () => {
  const T = usp.Header.MsgType;

  it('drops a Record whose from_id breaks the Endpoint ID grammar, naming nobody', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: 'not an endpoint', msg: m.buildGet('g-1', ['Device.']) });
    const result = classifyInbound(bytes, OWN, undefined);
    expect(result).toMatchObject({ ok: false, endpointId: null, errorReply: null });
    expect(!result.ok && result.reason).toMatch(/^invalid from_id "not an endpoint": /);
  });

  it('gives no Error reply to a malformed request from an invalid from_id, and names nobody', () => {
    const bytes = buildMsgRecord({ toId: OWN, fromId: 'not an endpoint', msg: { header: { msg_id: 'm-1', msg_type: T.GET }, body: { request: { notify: {} } } } });
    expect(classifyInbound(bytes, OWN, undefined)).toMatchObject({ ok: false, endpointId: null, errorReply: null });
  });

  it('accepts a msg_id of 1024 characters and refuses a request with 1025 with Error 7004 carrying the first 1024', () => {
    const longest = 'a'.repeat(1024);
    expect(classifyInbound(buildMsgRecord({ toId: OWN, fromId: AGENT, msg: m.buildGet(longest, ['Device.']) }), OWN, undefined)).toMatchObject({ ok: true });
    const tooLong = `${longest}b`;
    expect(classifyInbound(buildMsgRecord({ toId: OWN, fromId: AGENT, msg: m.buildGet(tooLong, ['Device.']) }), OWN, undefined)).toEqual({
      ok: false,
      reason: 'msg_id of 1025 characters, longer than 1024',
      endpointId: AGENT,
      errorReply: { msgId: longest, errCode: 7004, errMsg: 'msg_id of 1025 characters, longer than 1024: request refused' },
    });
  });

  it('drops a response with a msg_id over 1024 characters without an Error reply', () => {
    const msg = { header: { msg_id: 'r'.repeat(1025), msg_type: T.GET_RESP }, body: { response: { get_resp: { req_path_results: [] } } } };
    expect(classifyInbound(buildMsgRecord({ toId: OWN, fromId: AGENT, msg }), OWN, undefined)).toMatchObject({ ok: false, endpointId: AGENT, errorReply: null });
  });
});
