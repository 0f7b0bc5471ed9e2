import { describe, expect, it } from 'vitest';
import { decodeMsg, encodeMsg } from '../../../../src/main/usp/codec';
import { usp } from '../../../../src/main/usp/generated/usp-proto.js';
import { UnexpectedResponseError, buildDeregister, buildRegister, parseDeregisterResp, parseGetResp, parseRegisterResp } from '../../../../src/main/usp/messages';

const MsgType = usp.Header.MsgType;
const resp = (msgType: usp.Header.MsgType, response: usp.IResponse): usp.Msg =>
  decodeMsg(encodeMsg({ header: { msg_id: 'r', msg_type: msgType }, body: { response } }));

describe('Register / Deregister (USP 1.3)', () => {
  it('builds requests with matching msg_type', () => {
    const reg = decodeMsg(encodeMsg(buildRegister('g1', { allowPartial: true, paths: ['Device.X_Vendor.', 'Device.Y.Z'] })));
    expect(reg.header?.msg_type).toBe(MsgType.REGISTER);
    expect(reg.body?.request?.register?.allow_partial).toBe(true);
    expect(reg.body?.request?.register?.reg_paths?.map((p) => p.path)).toEqual(['Device.X_Vendor.', 'Device.Y.Z']);
    const dereg = decodeMsg(encodeMsg(buildDeregister('d1', [''])));
    expect(dereg.header?.msg_type).toBe(MsgType.DEREGISTER);
    expect(dereg.body?.request?.deregister?.paths).toEqual(['']);
  });

  it('parses RegisterResp successes and failures', () => {
    const msg = resp(MsgType.REGISTER_RESP, {
      register_resp: {
        registered_path_results: [
          { requested_path: 'Device.X.', oper_status: { oper_success: { registered_path: 'Device.X.' } } },
          { requested_path: 'Device.Y.', oper_status: { oper_failure: { err_code: 7029, err_msg: 'in use' } } },
        ],
      },
    });
    expect(parseRegisterResp(msg).registeredPaths).toEqual([
      { requestedPath: 'Device.X.', ok: true, registeredPath: 'Device.X.' },
      { requestedPath: 'Device.Y.', ok: false, errCode: 7029, errMsg: 'in use' },
    ]);
    expect(() => parseGetResp(msg)).toThrow(UnexpectedResponseError);
  });

  it('parses DeregisterResp successes and failures', () => {
    const msg = resp(MsgType.DEREGISTER_RESP, {
      deregister_resp: {
        deregistered_path_results: [
          { requested_path: '', oper_status: { oper_success: { deregistered_path: ['Device.X.', 'Device.Y.'] } } },
          { requested_path: 'Device.Z.', oper_status: { oper_failure: { err_code: 7030 } } },
        ],
      },
    });
    expect(parseDeregisterResp(msg).deregisteredPaths).toEqual([
      { requestedPath: '', ok: true, deregisteredPaths: ['Device.X.', 'Device.Y.'] },
      { requestedPath: 'Device.Z.', ok: false, errCode: 7030, errMsg: '' },
    ]);
  });
});
