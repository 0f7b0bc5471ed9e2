import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, UspDecodeError, decodeMsg, decodeRecord, encodeMsg, encodeRecord } from '../../../src/main/usp/codec';
import { usp, usp_record } from '../../../src/main/usp/generated/usp-proto.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// Reference encodings, made with protobufjs from the official USP 1.4 schemas (proto/).
const A = '0a050a01311001121 80a160a140a12446576696365 2e446576696365496e666f2e';
const B_PREFIX = '0a03312e331208 70726f746f3a3a61 1a0870726f746f3a3a63 3a23 1221';
const HEAD_C = '0a03312e3312087072 6f746f3a3a631a0870726f746f3a3a61';

function decodeError(fn: () => unknown): UspDecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UspDecodeError);
    return err as UspDecodeError;
  }
  throw new Error('expected a UspDecodeError');
}

describe('reference encodings of USP 1.4 Msgs and Records', () => {
  it('A: a Get Msg is byte-exact', () => {
    const msg = { header: { msg_id: '1', msg_type: usp.Header.MsgType.GET }, body: { request: { get: { param_paths: ['Device.DeviceInfo.'] } } } };
    expect(toHex(encodeMsg(msg))).toBe(toHex(hex(A)));
    expect(decodeMsg(hex(A)).body?.request?.get?.param_paths).toEqual(['Device.DeviceInfo.']);
  });

  it('B: the Record carrying A is byte-exact', () => {
    const bytes = encodeRecord({ version: '1.3', to_id: 'proto::a', from_id: 'proto::c', no_session_context: { payload: hex(A) } });
    expect(toHex(bytes)).toBe(toHex(hex(B_PREFIX + A)));
    const record = decodeRecord(bytes);
    expect(record.record_type).toBe('no_session_context');
    expect(toHex(record.no_session_context?.payload ?? new Uint8Array())).toBe(toHex(hex(A)));
  });

  it('C, D, D\', E: connect and disconnect records', () => {
    const head = { version: '1.3', to_id: 'proto::c', from_id: 'proto::a' };
    expect(toHex(encodeRecord({ ...head, websocket_connect: {} }))).toBe(toHex(hex(HEAD_C + '4a00')));
    expect(toHex(encodeRecord({ ...head, mqtt_connect: { version: 1, subscribed_topic: '/usp/agent' } }))).toBe(
      toHex(hex(HEAD_C + '520e0801120a2f7573702f6167656e74')),
    );
    expect(toHex(encodeRecord({ ...head, mqtt_connect: { subscribed_topic: '/usp/agent' } }))).toBe(toHex(hex(HEAD_C + '520c120a2f7573702f6167656e74')));
    expect(toHex(encodeRecord({ ...head, disconnect: { reason: 'bye', reason_code: 7105 } }))).toBe(toHex(hex(HEAD_C + '620a0a036279651 5c11b0000')));
    const d = decodeRecord(hex(HEAD_C + '620a0a03627965 15c11b0000'));
    expect(d.disconnect?.reason_code).toBe(7105);
  });

  it('F: an Error with msg_type omitted decodes as ERROR', () => {
    const msg = decodeMsg(hex('0a030a0137120a1a080d5c1b0000120178'));
    expect(msg.header?.msg_type ?? 0).toBe(usp.Header.MsgType.ERROR);
    expect(msg.body?.error?.err_code).toBe(7004);
    expect(msg.body?.error?.err_msg).toBe('x');
  });

  it('G: a NotifyResp', () => {
    const msg = decodeMsg(hex('0a060a026e31101012081206420 40a027331'));
    expect(msg.body?.response?.notify_resp?.subscription_id).toBe('s1');
  });
});

describe('decodeRecord rejects bad bytes with typed errors', () => {
  it('empty input is truncated', () => {
    expect(decodeError(() => decodeRecord(new Uint8Array())).kind).toBe('truncated');
  });

  it('a length running past the end is truncated, with the offset', () => {
    const err = decodeError(() => decodeRecord(hex('0a05312e33')));
    expect(err.kind).toBe('truncated');
    expect(err.offset).toBeTypeOf('number');
    expect(err.message).toMatch(/at byte \d+/);
  });

  it('garbage is malformed', () => {
    const err = decodeError(() => decodeRecord(hex('ffffffffffffffffffffff')));
    expect(['malformed', 'truncated']).toContain(err.kind);
  });

  it('an invalid wire type is malformed', () => {
    expect(decodeError(() => decodeRecord(hex('0f'))).kind).toBe('malformed');
  });

  it('a string that is not UTF-8 is malformed', () => {
    const err = decodeError(() => decodeRecord(hex('0a02c328 4a00')));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/UTF-8/);
  });

  it('a Record with no record_type', () => {
    const err = decodeError(() => decodeRecord(hex('0a03312e33')));
    expect(err.kind).toBe('no-record-type');
    expect(err.message).toMatch(/no record_type/);
  });

  it('an unknown payload_security value', () => {
    const err = decodeError(() => decodeRecord(hex('2005 4a00')));
    expect(err.kind).toBe('unknown-enum');
    expect(err.message).toMatch(/payload_security has unknown enum value 5/);
  });

  it('an unknown MQTT version', () => {
    expect(decodeError(() => decodeRecord(hex('52020807'))).kind).toBe('unknown-enum');
  });

  it('an unknown STOMP version and SAR state', () => {
    expect(decodeError(() => decodeRecord(hex('5a020801'))).kind).toBe('unknown-enum');
    expect(decodeError(() => decodeRecord(hex('42022809'))).kind).toBe('unknown-enum');
    expect(decodeError(() => decodeRecord(hex('42023004'))).message).toMatch(/payloadrec_sar_state/);
  });

  it('input over the size cap is too-large without being decoded', () => {
    const err = decodeError(() => decodeRecord(new Uint8Array(MAX_RECORD_BYTES + 1)));
    expect(err.kind).toBe('too-large');
  });

  it('a non-byte input', () => {
    expect(decodeError(() => decodeRecord('0a00' as unknown as Uint8Array)).kind).toBe('malformed');
  });

  it('accepts every record type', () => {
    for (const hexBody of ['4a00', '6a00', '5a00', '6200', '5200', '4206080210011801', '3a03120100']) {
      expect(decodeRecord(hex(hexBody)).record_type).toBeTruthy();
    }
  });
});

describe('decodeMsg structural checks', () => {
  const get = (msgType: number): Uint8Array =>
    encodeMsg({ header: { msg_id: 'x', msg_type: msgType }, body: { request: { get: { param_paths: ['Device.'] } } } });

  it('header msg_type must match the body', () => {
    const err = decodeError(() => decodeMsg(get(usp.Header.MsgType.SET)));
    expect(err.kind).toBe('type-mismatch');
    expect(err.message).toBe('Header.msg_type is SET (4) but the body carries get, which needs GET (1)');
  });

  it('a request with msg_type left at ERROR is a mismatch', () => {
    expect(decodeError(() => decodeMsg(get(0))).kind).toBe('type-mismatch');
  });

  it('msg_type outside 0-22 is an unknown enum', () => {
    expect(decodeError(() => decodeMsg(get(23))).kind).toBe('unknown-enum');
  });

  it('missing header, body, or body member', () => {
    expect(decodeError(() => decodeMsg(encodeMsg({ body: { error: {} } }))).message).toMatch(/no header/);
    expect(decodeError(() => decodeMsg(encodeMsg({ header: { msg_id: 'x' } }))).message).toMatch(/no body/);
    expect(decodeError(() => decodeMsg(encodeMsg({ header: { msg_id: 'x' }, body: {} }))).kind).toBe('missing-field');
    expect(decodeError(() => decodeMsg(encodeMsg({ header: { msg_id: 'x', msg_type: 1 }, body: { request: {} } }))).message).toMatch(/req_type/);
    expect(decodeError(() => decodeMsg(encodeMsg({ header: { msg_id: 'x', msg_type: 2 }, body: { response: {} } }))).message).toMatch(/resp_type/);
  });

  it('nested oneofs must be set', () => {
    const setResp = encodeMsg({
      header: { msg_id: 'x', msg_type: usp.Header.MsgType.SET_RESP },
      body: { response: { set_resp: { updated_obj_results: [{ requested_path: 'Device.', oper_status: {} }] } } },
    });
    expect(decodeError(() => decodeMsg(setResp)).message).toBe('SetResp.updated_obj_results[0].oper_status has neither oper_failure nor oper_success');
    const operateResp = encodeMsg({
      header: { msg_id: 'x', msg_type: usp.Header.MsgType.OPERATE_RESP },
      body: { response: { operate_resp: { operation_results: [{ executed_command: 'Device.Reboot()' }] } } },
    });
    expect(decodeError(() => decodeMsg(operateResp)).kind).toBe('missing-field');
    const notify = encodeMsg({ header: { msg_id: 'x', msg_type: usp.Header.MsgType.NOTIFY }, body: { request: { notify: { subscription_id: 's' } } } });
    expect(decodeError(() => decodeMsg(notify)).message).toMatch(/no notification/);
    const operComplete = encodeMsg({
      header: { msg_id: 'x', msg_type: usp.Header.MsgType.NOTIFY },
      body: { request: { notify: { oper_complete: { obj_path: 'Device.' } } } },
    });
    expect(decodeError(() => decodeMsg(operComplete)).message).toMatch(/oper_complete/);
    const unset: [usp.Header.MsgType, usp.IResponse][] = [
      [usp.Header.MsgType.ADD_RESP, { add_resp: { created_obj_results: [{}] } }],
      [usp.Header.MsgType.DELETE_RESP, { delete_resp: { deleted_obj_results: [{}] } }],
      [usp.Header.MsgType.REGISTER_RESP, { register_resp: { registered_path_results: [{}] } }],
      [usp.Header.MsgType.DEREGISTER_RESP, { deregister_resp: { deregistered_path_results: [{}] } }],
    ];
    for (const [type, response] of unset) {
      expect(decodeError(() => decodeMsg(encodeMsg({ header: { msg_id: 'x', msg_type: type }, body: { response } }))).kind).toBe('missing-field');
    }
  });

  it('GetSupportedDMResp enums must be known', () => {
    // Enum fields typed loosely so out-of-range numbers can be written, as a buggy or newer agent would.
    const gsdm = (obj: Record<string, unknown>): Uint8Array =>
      encodeMsg({
        header: { msg_id: 'x', msg_type: usp.Header.MsgType.GET_SUPPORTED_DM_RESP },
        body: { response: { get_supported_dm_resp: { req_obj_results: [{ supported_objs: [obj as usp.GetSupportedDMResp.ISupportedObjectResult] }] } } },
      });
    expect(decodeMsg(gsdm({ access: 3, supported_params: [{ access: 2, value_type: 10, value_change: 2 }], supported_commands: [{ command_type: 2 }] }))).toBeTruthy();
    expect(decodeError(() => decodeMsg(gsdm({ access: 4 }))).message).toMatch(/supported_objs\[0\]\.access has unknown enum value 4/);
    expect(decodeError(() => decodeMsg(gsdm({ supported_params: [{ value_type: 11 }] }))).kind).toBe('unknown-enum');
    expect(decodeError(() => decodeMsg(gsdm({ supported_params: [{ access: 3 }] }))).kind).toBe('unknown-enum');
    expect(decodeError(() => decodeMsg(gsdm({ supported_params: [{ value_change: 3 }] }))).kind).toBe('unknown-enum');
    expect(decodeError(() => decodeMsg(gsdm({ supported_commands: [{ command_type: 3 }] }))).kind).toBe('unknown-enum');
  });

  it('decodes a message of every kind', () => {
    const kinds: [number, usp.IBody][] = [
      [usp.Header.MsgType.REGISTER, { request: { register: { reg_paths: [{ path: 'Device.X.' }] } } }],
      [usp.Header.MsgType.DEREGISTER, { request: { deregister: { paths: [''] } } }],
      [usp.Header.MsgType.GET_INSTANCES, { request: { get_instances: { obj_paths: ['Device.'] } } }],
      [usp.Header.MsgType.ERROR, { error: { err_code: 7000 } }],
    ];
    for (const [msg_type, body] of kinds) expect(decodeMsg(encodeMsg({ header: { msg_id: 'k', msg_type }, body })).header?.msg_id).toBe('k');
  });

  it('skips unknown fields (newer schemas) but rejects an unknown request member', () => {
    // Record field 14 (not in 1.4) next to websocket_connect: ignored, as proto3 requires.
    expect(decodeRecord(hex('4a00 7203616263')).record_type).toBe('websocket_connect');
    // Header msg_type GET with a Request carrying only field 12 (a message type after 1.4).
    const newer = hex('0a050a01781001 1204 0a02 6200');
    const err = decodeError(() => decodeMsg(newer));
    expect(err.kind).toBe('missing-field');
    expect(err.message).toMatch(/newer than USP 1.4/);
  });

  it('the UspDecodeError carries kind, offset and name', () => {
    const err = new UspDecodeError('truncated', 'cut', 4);
    expect(err.name).toBe('UspDecodeError');
    expect(err.message).toBe('cut (at byte 4)');
    const shifted = err.shifted(10, 'inner');
    expect(shifted.offset).toBe(14);
    expect(shifted.message).toBe('inner: cut (at byte 14)');
    expect(new UspDecodeError('malformed', 'x').shifted(3, 'y').offset).toBeUndefined();
  });

  it('keeps usp_record importable alongside', () => {
    expect(usp_record.Record.PayloadSecurity.TLS12).toBe(1);
  });
});
