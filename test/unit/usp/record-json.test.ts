import { describe, expect, it } from 'vitest';
import { UspDecodeError } from '../../../src/main/usp/codec';
import { HexParseError, parseHex, toHex } from '../../../src/main/usp/hex';
import { buildGet } from '../../../src/main/usp/messages';
import { buildConnectRecord, buildDisconnectRecord, buildMsgRecord } from '../../../src/main/usp/record';
import { RecordJsonError, recordFromJson, recordToJson } from '../../../src/main/usp/record-json';
import { encodeRecord } from '../../../src/main/usp/codec';
import { loadCaptures } from './fixtures';

const ids = { toId: 'proto::a', fromId: 'self::c' };

function jsonError(json: unknown): RecordJsonError {
  try {
    recordFromJson(json);
  } catch (err) {
    expect(err).toBeInstanceOf(RecordJsonError);
    return err as RecordJsonError;
  }
  throw new Error('expected a RecordJsonError');
}

const getJson = (patch: (payload: Record<string, unknown>) => void = () => {}): unknown => {
  const json = JSON.parse(JSON.stringify(recordToJson(buildMsgRecord({ ...ids, msg: buildGet('1', ['Device.']) }))));
  patch(json.no_session_context.payload);
  return json;
};

describe('hex', () => {
  it('round-trips and ignores whitespace', () => {
    expect(toHex(parseHex('0A 0b\n0c\t0d\r\n'))).toBe('0a0b0c0d');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('names the bad character or the missing digit', () => {
    expect(() => parseHex('0a0g')).toThrow(new HexParseError('"g" at position 3 is not a hex digit', 3));
    expect(() => parseHex('0a0')).toThrow(/odd number of hex digits/);
  });
});

describe('recordToJson', () => {
  it('gives every Record field and the decoded Msg, enums by name', () => {
    expect(recordToJson(buildMsgRecord({ ...ids, version: '1.3', msg: buildGet('m1', ['Device.DeviceInfo.'], 1) }))).toEqual({
      version: '1.3',
      to_id: 'proto::a',
      from_id: 'self::c',
      payload_security: 'PLAINTEXT',
      mac_signature: '',
      sender_cert: '',
      record_type: 'no_session_context',
      no_session_context: {
        payload: {
          header: { msg_id: 'm1', msg_type: 'GET' },
          body: { request: { get: { param_paths: ['Device.DeviceInfo.'], max_depth: 1 }, req_type: 'get' }, msg_body: 'request' },
        },
      },
    });
  });

  it('gives bytes as hex and session-context payloads as hex', () => {
    const bytes = encodeRecord({
      version: '1.4',
      mac_signature: Uint8Array.from([0xde, 0xad]),
      sender_cert: Uint8Array.from([0x01]),
      session_context: { session_id: 7, sequence_id: 1, expected_id: 1, payload_sar_state: 1, payload: [Uint8Array.from([0xab, 0xcd])] },
    });
    const json = recordToJson(bytes);
    expect(json.mac_signature).toBe('dead');
    expect(json.sender_cert).toBe('01');
    expect(json.session_context).toEqual({
      session_id: 7,
      sequence_id: 1,
      expected_id: 1,
      retransmit_id: 0,
      payload_sar_state: 'BEGIN',
      payloadrec_sar_state: 'NONE',
      payload: ['abcd'],
    });
    expect(toHex(recordFromJson(JSON.parse(JSON.stringify(json))))).toBe(toHex(bytes));
  });

  it('describes connect and disconnect records', () => {
    expect(recordToJson(buildConnectRecord('mqtt', { ...ids, subscribedTopic: 't' })).mqtt_connect).toEqual({ version: 'V5', subscribed_topic: 't' });
    expect(recordToJson(buildConnectRecord('stomp', { ...ids, stompDestination: '/q' })).stomp_connect).toEqual({ version: 'V1_2', subscribed_destination: '/q' });
    expect(recordToJson(buildConnectRecord('uds', ids)).uds_connect).toEqual({});
    expect(recordToJson(buildDisconnectRecord({ ...ids, reason: 'bye', reasonCode: 7105 })).disconnect).toEqual({ reason: 'bye', reason_code: 7105 });
  });

  it('throws UspDecodeError for bytes that are not a Record', () => {
    expect(() => recordToJson(Uint8Array.from([0x0a, 0x05]))).toThrow(UspDecodeError);
  });
});

describe('recordFromJson is the exact reverse', () => {
  it.each(loadCaptures().map((c) => [c.file, c.bytes] as const))('%s', (_file, bytes) => {
    const json = recordToJson(bytes);
    const again = recordFromJson(JSON.parse(JSON.stringify(json)));
    expect(recordToJson(again)).toEqual(json);
  });

  it('accepts minimal JSON with defaults left out', () => {
    expect(toHex(recordFromJson({ version: '1.3', to_id: 'proto::c', from_id: 'proto::a', websocket_connect: {} }))).toBe(
      '0a03312e33120870726f746f3a3a631a0870726f746f3a3a614a00',
    );
    const minimalGet = { no_session_context: { payload: { header: { msg_id: '1', msg_type: 'GET' }, body: { request: { get: { param_paths: ['Device.'] } } } } } };
    expect(recordToJson(recordFromJson(minimalGet)).record_type).toBe('no_session_context');
  });

  it('treats null as "leave unset"', () => {
    expect(recordToJson(recordFromJson({ version: '1.4', mac_signature: null, uds_connect: {}, mqtt_connect: null })).record_type).toBe('uds_connect');
  });

  it('accepts upper-case hex', () => {
    expect(recordToJson(recordFromJson({ mac_signature: 'BEEF', websocket_connect: {} })).mac_signature).toBe('beef');
  });
});

describe('recordFromJson names the bad field', () => {
  const cases: [string, unknown, string][] = [
    ['a non-object root', [], 'the Record must be a JSON object, not a list'],
    ['a misspelt Record field', { versoin: '1.4', websocket_connect: {} }, 'versoin is not a field here'],
    ['a misspelt record member', { websocket_conect: {} }, 'websocket_conect is not a field here'],
    ['no record member', { version: '1.4' }, 'the Record is not valid: Record has no record_type'],
    ['an unknown enum name', { mqtt_connect: { version: 'V6' } }, 'mqtt_connect.version has "V6", which is not valid here'],
    ['an enum given as a number', { mqtt_connect: { version: 1 } }, 'mqtt_connect.version must be a string (an enum name such as "V5"), not 1'],
    ['a number for a string', { version: 1.4, websocket_connect: {} }, 'version must be a string, not 1.4'],
    ['a string for a number', { disconnect: { reason_code: '7' } }, 'disconnect.reason_code must be a number, not "7"'],
    ['a number out of range', { disconnect: { reason_code: -1 } }, 'disconnect.reason_code has -1, which is out of range'],
    ['bad hex', { mac_signature: 'xyz', websocket_connect: {} }, 'mac_signature is not hex: "x" at position 0'],
    ['hex of the wrong type', { sender_cert: 5, websocket_connect: {} }, 'sender_cert must be a hex string'],
    ['session payloads not a list', { session_context: { payload: 'ab' } }, 'session_context.payload must be a list of hex strings'],
    ['a bad session payload', { session_context: { payload: ['ab', 'q'] } }, 'session_context.payload[1] is not hex'],
    ['a payload that is not an object', { no_session_context: { payload: 'hi' } }, 'no_session_context.payload must be a JSON object, not a string'],
    ['a missing payload', { no_session_context: {} }, 'no_session_context.payload is missing'],
    ['a member that is not an object', { no_session_context: 3 }, 'no_session_context must be a JSON object, not a number'],
    ['a misspelt payload sibling', { no_session_context: { payload: {}, extra: 1 } }, 'no_session_context.extra is not a field here'],
  ];

  it.each(cases)('%s', (_name, json, message) => {
    expect(jsonError(json).message).toContain(message);
  });

  it('in the Msg: misspelt, badly typed, wrong enum, two oneof members, msg_type mismatch', () => {
    expect(jsonError(getJson((p) => ((p.header as Record<string, unknown>).msg_idd = 'x'))).message).toBe(
      'no_session_context.payload.header.msg_idd is not a field here (check the spelling), or another member of the same oneof is also set',
    );
    expect(jsonError(getJson((p) => ((p.header as Record<string, unknown>).msg_type = 'GETS'))).path).toBe('no_session_context.payload.header.msg_type');
    const body = (p: Record<string, unknown>) => (p.body as { request: Record<string, unknown> }).request;
    expect(jsonError(getJson((p) => ((body(p).get as Record<string, unknown>).max_depth = 'x'))).message).toBe(
      'no_session_context.payload.body.request.get.max_depth must be a number, not "x"',
    );
    expect(jsonError(getJson((p) => ((body(p).get as Record<string, unknown>).param_paths = 'Device.'))).message).toBe(
      'no_session_context.payload field usp.Get.param_paths must be a list',
    );
    expect(jsonError(getJson((p) => (body(p).set = {}))).path).toBe('no_session_context.payload.body.request.get');
    expect(jsonError(getJson((p) => ((p.header as Record<string, unknown>).msg_type = 'SET'))).message).toBe(
      'the Record is not valid: Msg in no_session_context payload: Header.msg_type is SET (4) but the body carries get, which needs GET (1)',
    );
    expect(jsonError(getJson((p) => (body(p).req_type = 'set'))).message).toContain('body.request.req_type has "set"');
    expect(jsonError(getJson((p) => (p.header = 'x'))).message).toBe('no_session_context.payload field usp.Msg.header must be a JSON object');
    expect(jsonError(getJson((p) => (body(p).get = [1]))).message).toContain('body.request.get must be');
  });

  it('map values must be strings', () => {
    const json = {
      no_session_context: {
        payload: { header: { msg_id: '1', msg_type: 'OPERATE' }, body: { request: { operate: { command: 'Device.X()', input_args: { A: 1 } } } } },
      },
    };
    expect(jsonError(json).message).toBe('no_session_context.payload.body.request.operate.input_args.A must be a string, not 1');
  });
});
