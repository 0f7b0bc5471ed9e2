import { describe, expect, it } from 'vitest';
import { UspDecodeError, encodeMsg, encodeRecord } from '../../../src/main/usp/codec';
import { usp, usp_record } from '../../../src/main/usp/generated/usp-proto.js';
import { buildGet } from '../../../src/main/usp/messages';
import {
  USP_VERSION,
  buildConnectRecord,
  buildDisconnectRecord,
  buildMsgRecord,
  parseRecord,
  recordKind,
} from '../../../src/main/usp/record';

const ids = { toId: 'proto::agent', fromId: 'self::ctrl' };

function parseError(bytes: Uint8Array): UspDecodeError {
  try {
    parseRecord(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(UspDecodeError);
    return err as UspDecodeError;
  }
  throw new Error('expected a UspDecodeError');
}

describe('buildMsgRecord / parseRecord', () => {
  it('wraps a Msg in a NoSessionContext Record with version 1.4 by default', () => {
    const { record, msg } = parseRecord(buildMsgRecord({ ...ids, msg: buildGet('m1', ['Device.DeviceInfo.']) }));
    expect(record.version).toBe(USP_VERSION);
    expect(record.to_id).toBe('proto::agent');
    expect(record.from_id).toBe('self::ctrl');
    expect(recordKind(record)).toBe('no_session_context');
    expect(msg?.header?.msg_id).toBe('m1');
    expect(msg?.header?.msg_type).toBe(usp.Header.MsgType.GET);
  });

  it('honours an explicit version', () => {
    expect(parseRecord(buildMsgRecord({ ...ids, version: '1.3', msg: buildGet('m', ['Device.']) })).record.version).toBe('1.3');
  });

  it('gives msg null for non-message records', () => {
    expect(parseRecord(buildConnectRecord('websocket', ids)).msg).toBeNull();
  });

  it('rejects an empty payload (R-E2E.26)', () => {
    const err = parseError(encodeRecord({ ...{ to_id: 'a' }, no_session_context: {} }));
    expect(err.kind).toBe('missing-field');
  });

  it('reports errors in the embedded Msg with offsets into the Record', () => {
    const badMsg = encodeMsg({ header: { msg_id: 'x', msg_type: usp.Header.MsgType.SET }, body: { request: { get: {} } } });
    const bytes = encodeRecord({ version: '1.3', to_id: 'a', from_id: 'b', no_session_context: { payload: badMsg } });
    const err = parseError(bytes);
    expect(err.kind).toBe('type-mismatch');
    expect(err.message).toMatch(/^Msg in no_session_context payload: Header.msg_type is SET/);
    const truncatedMsg = Uint8Array.from([0x0a, 0x09, 0x0a, 0x01]);
    const bytes2 = encodeRecord({ version: '1.3', no_session_context: { payload: truncatedMsg } });
    const err2 = parseError(bytes2);
    expect(err2.kind).toBe('truncated');
    const payloadStart = bytes2.length - truncatedMsg.length;
    expect(err2.offset).toBeGreaterThanOrEqual(payloadStart);
    expect(err2.offset).toBeLessThanOrEqual(bytes2.length);
  });

  it('works on a Record that is a view into a larger buffer', () => {
    const inner = buildMsgRecord({ ...ids, msg: buildGet('v', ['Device.']) });
    const big = new Uint8Array(inner.length + 8);
    big.set(inner, 5);
    expect(parseRecord(big.subarray(5, 5 + inner.length)).msg?.header?.msg_id).toBe('v');
  });
});

describe('connect and disconnect records', () => {
  it('websocket and uds are empty members', () => {
    expect(recordKind(parseRecord(buildConnectRecord('websocket', ids)).record)).toBe('websocket_connect');
    expect(recordKind(parseRecord(buildConnectRecord('uds', ids)).record)).toBe('uds_connect');
  });

  it('mqtt carries version (V5 by default) and topic', () => {
    const v5 = parseRecord(buildConnectRecord('mqtt', { ...ids, subscribedTopic: 'usp/controller/c' })).record;
    expect(v5.mqtt_connect?.version).toBe(usp_record.MQTTConnectRecord.MQTTVersion.V5);
    expect(v5.mqtt_connect?.subscribed_topic).toBe('usp/controller/c');
    const v311 = parseRecord(buildConnectRecord('mqtt', { ...ids, mqttVersion: 'V3_1_1', subscribedTopic: 't' })).record;
    expect(v311.mqtt_connect?.version ?? 0).toBe(usp_record.MQTTConnectRecord.MQTTVersion.V3_1_1);
  });

  it('stomp carries the destination', () => {
    const r = parseRecord(buildConnectRecord('stomp', { ...ids, version: '1.3', stompDestination: '/queue/c' })).record;
    expect(recordKind(r)).toBe('stomp_connect');
    expect(r.stomp_connect?.subscribed_destination).toBe('/queue/c');
    expect(r.version).toBe('1.3');
  });

  it('disconnect carries reason and reason_code', () => {
    const r = parseRecord(buildDisconnectRecord({ ...ids, reason: 'bye', reasonCode: 7105 })).record;
    expect(recordKind(r)).toBe('disconnect');
    expect(r.disconnect?.reason).toBe('bye');
    expect(r.disconnect?.reason_code).toBe(7105);
    expect(recordKind(parseRecord(buildDisconnectRecord(ids)).record)).toBe('disconnect');
  });

  it('recordKind reads hand-built records too', () => {
    expect(recordKind({ session_context: { session_id: 2 } })).toBe('session_context');
    expect(recordKind({})).toBeUndefined();
  });
});
