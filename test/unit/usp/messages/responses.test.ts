import { describe, expect, it } from 'vitest';
import { decodeMsg, encodeMsg } from '../../../../src/main/usp/codec';
import { usp } from '../../../../src/main/usp/generated/usp-proto.js';
import {
  UnexpectedResponseError,
  UspErrorResponse,
  buildErrorMsg,
  buildGet,
  messageKind,
  msgTypeName,
  parseAddResp,
  parseDeleteResp,
  parseErrorMsg,
  parseGetInstancesResp,
  parseGetResp,
  parseGetSupportedDMResp,
  parseGetSupportedProtocolResp,
  parseOperateResp,
  parseSetResp,
  splitVersions,
} from '../../../../src/main/usp/messages';

const MsgType = usp.Header.MsgType;

/** Encodes and strictly decodes a response, as it would arrive from an agent. */
function resp(msgType: usp.Header.MsgType, response: usp.IResponse): usp.Msg {
  return decodeMsg(encodeMsg({ header: { msg_id: 'r1', msg_type: msgType }, body: { response } }));
}

describe('parseGetResp', () => {
  it('reads the 1.2+ layout with per-path errors as data', () => {
    const msg = resp(MsgType.GET_RESP, {
      get_resp: {
        req_path_results: [
          {
            requested_path: 'Device.WiFi.SSID.*.',
            resolved_path_results: [
              { resolved_path: 'Device.WiFi.SSID.1.', result_params: { SSID: 'home', Enable: 'true' } },
              { resolved_path: 'Device.WiFi.SSID.1.Stats.', result_params: { BytesSent: '10' } },
            ],
          },
          { requested_path: 'Device.NoSuch.', err_code: 7026, err_msg: 'Path is invalid' },
        ],
      },
    });
    expect(parseGetResp(msg)).toEqual({
      requestedPaths: [
        {
          requestedPath: 'Device.WiFi.SSID.*.',
          errCode: 0,
          errMsg: '',
          resolved: [
            { path: 'Device.WiFi.SSID.1.', params: { SSID: 'home', Enable: 'true' } },
            { path: 'Device.WiFi.SSID.1.Stats.', params: { BytesSent: '10' } },
          ],
        },
        { requestedPath: 'Device.NoSuch.', errCode: 7026, errMsg: 'Path is invalid', resolved: [] },
      ],
    });
  });

  it('moves pre-1.2 dotted keys into their own sub-objects', () => {
    const msg = resp(MsgType.GET_RESP, {
      get_resp: {
        req_path_results: [
          {
            requested_path: 'Device.WiFi.SSID.1.',
            resolved_path_results: [
              {
                resolved_path: 'Device.WiFi.SSID.1.',
                result_params: { SSID: 'home', 'Stats.BytesSent': '10', 'Stats.BytesReceived': '20', 'X.1.Name': 'n' },
              },
            ],
          },
        ],
      },
    });
    expect(parseGetResp(msg).requestedPaths[0]?.resolved).toEqual([
      { path: 'Device.WiFi.SSID.1.', params: { SSID: 'home' } },
      { path: 'Device.WiFi.SSID.1.Stats.', params: { BytesSent: '10', BytesReceived: '20' } },
      { path: 'Device.WiFi.SSID.1.X.1.', params: { Name: 'n' } },
    ]);
  });

  it('keeps a parameter literally named __proto__ as data', () => {
    const msg = resp(MsgType.GET_RESP, {
      get_resp: { req_path_results: [{ requested_path: 'D.', resolved_path_results: [{ resolved_path: 'D.', result_params: JSON.parse('{"__proto__":"v"}') }] }] },
    });
    const params = parseGetResp(msg).requestedPaths[0]?.resolved[0]?.params ?? {};
    expect(Object.keys(params)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('an empty GetResp is an empty result', () => {
    expect(parseGetResp(resp(MsgType.GET_RESP, { get_resp: {} }))).toEqual({ requestedPaths: [] });
  });
});

describe('wrong kinds and Error messages', () => {
  const error = decodeMsg(
    encodeMsg(buildErrorMsg('r9', { errCode: 7004, errMsg: 'bad', paramErrs: [{ paramPath: 'Device.X.Y', errCode: 7012, errMsg: 'range' }] })),
  );

  it('an Error message becomes UspErrorResponse with its data', () => {
    for (const parse of [parseGetResp, parseSetResp, parseAddResp, parseDeleteResp, parseOperateResp, parseGetSupportedDMResp, parseGetInstancesResp, parseGetSupportedProtocolResp]) {
      let thrown: unknown;
      try {
        parse(error);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UspErrorResponse);
      const e = thrown as UspErrorResponse;
      expect([e.msgId, e.errCode, e.errMsg, e.message]).toEqual(['r9', 7004, 'bad', 'USP Error 7004: bad']);
      expect(e.paramErrs).toEqual([{ paramPath: 'Device.X.Y', errCode: 7012, errMsg: 'range' }]);
    }
  });

  it('a response of another kind becomes UnexpectedResponseError', () => {
    const getResp = resp(MsgType.GET_RESP, { get_resp: {} });
    expect(() => parseSetResp(getResp)).toThrow(UnexpectedResponseError);
    try {
      parseSetResp(getResp);
    } catch (err) {
      const e = err as UnexpectedResponseError;
      expect([e.expected, e.actual, e.msgId]).toEqual(['set_resp', 'get_resp', 'r1']);
      expect(e.message).toBe('expected a set_resp message but got get_resp (msg_id "r1")');
    }
    expect(() => parseGetResp(buildGet('q', ['Device.']))).toThrow(UnexpectedResponseError);
    expect(() => parseGetResp({})).toThrow(/a message with no body/);
  });

  it('parseErrorMsg reads an Error and rejects other kinds', () => {
    expect(parseErrorMsg(error)).toEqual({ errCode: 7004, errMsg: 'bad', paramErrs: [{ paramPath: 'Device.X.Y', errCode: 7012, errMsg: 'range' }] });
    expect(parseErrorMsg(decodeMsg(encodeMsg(buildErrorMsg('e', { errCode: 7000, errMsg: '' }))))).toEqual({ errCode: 7000, errMsg: '', paramErrs: [] });
    expect(() => parseErrorMsg(resp(MsgType.GET_RESP, { get_resp: {} }))).toThrow(UnexpectedResponseError);
    expect(error.header?.msg_type ?? 0).toBe(MsgType.ERROR);
    expect(messageKind(error)).toBe('error');
  });

  it('messageKind and msgTypeName', () => {
    expect(messageKind({ body: { response: { notify_resp: {} } } })).toBe('notify_resp');
    expect(messageKind({ body: { request: { operate: {} } } })).toBe('operate');
    expect(messageKind({ body: {} })).toBeUndefined();
    expect(messageKind({})).toBeUndefined();
    expect(msgTypeName(13)).toBe('GET_SUPPORTED_DM_RESP');
    expect(msgTypeName(99)).toBeUndefined();
  });
});

describe('parseSetResp', () => {
  it('reads successes and failures per object', () => {
    const msg = resp(MsgType.SET_RESP, {
      set_resp: {
        updated_obj_results: [
          {
            requested_path: 'Device.A.',
            oper_status: {
              oper_success: {
                updated_inst_results: [
                  { affected_path: 'Device.A.', updated_params: { X: '1' }, param_errs: [{ param: 'Y', err_code: 7013, err_msg: 'ro' }] },
                ],
              },
            },
          },
          {
            requested_path: 'Device.B.*.',
            oper_status: {
              oper_failure: {
                err_code: 7021,
                err_msg: 'required failed',
                updated_inst_failures: [{ affected_path: 'Device.B.2.', param_errs: [{ param: 'Z', err_code: 7012, err_msg: 'bad' }] }],
              },
            },
          },
          { requested_path: 'Device.C.', oper_status: { oper_success: {} } },
        ],
      },
    });
    expect(parseSetResp(msg).updatedObjs).toEqual([
      {
        requestedPath: 'Device.A.',
        ok: true,
        updatedInstances: [{ affectedPath: 'Device.A.', updatedParams: { X: '1' }, paramErrs: [{ param: 'Y', errCode: 7013, errMsg: 'ro' }] }],
      },
      {
        requestedPath: 'Device.B.*.',
        ok: false,
        errCode: 7021,
        errMsg: 'required failed',
        failedInstances: [{ affectedPath: 'Device.B.2.', paramErrs: [{ param: 'Z', errCode: 7012, errMsg: 'bad' }] }],
      },
      { requestedPath: 'Device.C.', ok: true, updatedInstances: [] },
    ]);
  });
});

describe('parseAddResp', () => {
  it('reads created instances and failures', () => {
    const msg = resp(MsgType.ADD_RESP, {
      add_resp: {
        created_obj_results: [
          {
            requested_path: 'Device.LocalAgent.Subscription.',
            oper_status: {
              oper_success: {
                instantiated_path: 'Device.LocalAgent.Subscription.2.',
                unique_keys: { Alias: 'cpe-2', ID: 'x' },
                param_errs: [{ param: 'TimeToLive', err_code: 7012, err_msg: 'too big' }],
              },
            },
          },
          { requested_path: 'Device.Nope.', oper_status: { oper_failure: { err_code: 7026, err_msg: 'invalid' } } },
        ],
      },
    });
    expect(parseAddResp(msg).createdObjs).toEqual([
      {
        requestedPath: 'Device.LocalAgent.Subscription.',
        ok: true,
        instantiatedPath: 'Device.LocalAgent.Subscription.2.',
        uniqueKeys: { Alias: 'cpe-2', ID: 'x' },
        paramErrs: [{ param: 'TimeToLive', errCode: 7012, errMsg: 'too big' }],
      },
      { requestedPath: 'Device.Nope.', ok: false, errCode: 7026, errMsg: 'invalid' },
    ]);
  });
});

describe('parseDeleteResp', () => {
  it('reads affected and unaffected paths', () => {
    const msg = resp(MsgType.DELETE_RESP, {
      delete_resp: {
        deleted_obj_results: [
          {
            requested_path: 'Device.X.*.',
            oper_status: {
              oper_success: {
                affected_paths: ['Device.X.1.'],
                unaffected_path_errs: [{ unaffected_path: 'Device.X.2.', err_code: 7024, err_msg: 'busy' }],
              },
            },
          },
          { requested_path: 'Device.Y.1.', oper_status: { oper_failure: { err_code: 7016 } } },
        ],
      },
    });
    expect(parseDeleteResp(msg).deletedObjs).toEqual([
      {
        requestedPath: 'Device.X.*.',
        ok: true,
        affectedPaths: ['Device.X.1.'],
        unaffectedPathErrs: [{ path: 'Device.X.2.', errCode: 7024, errMsg: 'busy' }],
      },
      { requestedPath: 'Device.Y.1.', ok: false, errCode: 7016, errMsg: '' },
    ]);
  });
});

describe('parseOperateResp', () => {
  it('reads sync output, async request paths and failures', () => {
    const msg = resp(MsgType.OPERATE_RESP, {
      operate_resp: {
        operation_results: [
          { executed_command: 'Device.A.1.Sync()', req_output_args: { output_args: { Result: 'ok' } } },
          { executed_command: 'Device.A.2.Sync()', req_output_args: {} },
          { executed_command: 'Device.SelfTestDiagnostics()', req_obj_path: 'Device.LocalAgent.Request.1' },
          { executed_command: 'Device.Reboot()', cmd_failure: { err_code: 7022, err_msg: 'no' } },
        ],
      },
    });
    expect(parseOperateResp(msg).results).toEqual([
      { executedCommand: 'Device.A.1.Sync()', kind: 'sync', outputArgs: { Result: 'ok' } },
      { executedCommand: 'Device.A.2.Sync()', kind: 'sync', outputArgs: {} },
      { executedCommand: 'Device.SelfTestDiagnostics()', kind: 'async', requestPath: 'Device.LocalAgent.Request.1' },
      { executedCommand: 'Device.Reboot()', kind: 'failure', errCode: 7022, errMsg: 'no' },
    ]);
  });

  it('reads hand-built results whose oneof name is not set', () => {
    const msg: usp.IMsg = {
      header: { msg_id: 'h', msg_type: MsgType.OPERATE_RESP },
      body: { response: { operate_resp: { operation_results: [{ executed_command: 'D.X()', req_obj_path: 'D.R.1.' }, { executed_command: 'D.Y()' }] } } },
    };
    expect(parseOperateResp(msg).results).toEqual([
      { executedCommand: 'D.X()', kind: 'async', requestPath: 'D.R.1.' },
      { executedCommand: 'D.Y()', kind: 'sync', outputArgs: {} },
    ]);
  });
});

describe('parseGetSupportedDMResp', () => {
  it('reads a 1.4 response with every element', () => {
    const G = usp.GetSupportedDMResp;
    const msg = resp(MsgType.GET_SUPPORTED_DM_RESP, {
      get_supported_dm_resp: {
        req_obj_results: [
          {
            req_obj_path: 'Device.WiFi.SSID.',
            data_model_inst_uri: 'urn:broadband-forum-org:tr-181-2-12-0',
            supported_objs: [
              {
                supported_obj_path: 'Device.WiFi.SSID.{i}.',
                access: G.ObjAccessType.OBJ_ADD_DELETE,
                is_multi_instance: true,
                supported_params: [
                  { param_name: 'SSID', access: G.ParamAccessType.PARAM_READ_WRITE, value_type: G.ParamValueType.PARAM_STRING, value_change: G.ValueChangeType.VALUE_CHANGE_ALLOWED },
                  { param_name: 'Key', access: G.ParamAccessType.PARAM_WRITE_ONLY, value_type: G.ParamValueType.PARAM_HEX_BINARY, value_change: G.ValueChangeType.VALUE_CHANGE_WILL_IGNORE },
                ],
                supported_commands: [
                  { command_name: 'Reset()', command_type: G.CmdType.CMD_ASYNC, input_arg_names: ['Mode'], output_arg_names: ['Result.{i}.Status'] },
                ],
                supported_events: [{ event_name: 'Changed!', arg_names: ['Old', 'New'] }],
                unique_key_sets: [{ key_names: ['Alias'] }, { key_names: ['Name', 'Index'] }],
                divergent_paths: ['Device.WiFi.SSID.3.'],
              },
            ],
          },
          { req_obj_path: 'Device.Bad.', err_code: 7026, err_msg: 'not supported' },
        ],
      },
    });
    expect(parseGetSupportedDMResp(msg)).toEqual({
      requestedObjs: [
        {
          requestedPath: 'Device.WiFi.SSID.',
          errCode: 0,
          errMsg: '',
          dataModelInstUri: 'urn:broadband-forum-org:tr-181-2-12-0',
          objects: [
            {
              path: 'Device.WiFi.SSID.{i}.',
              access: 'addDelete',
              isMultiInstance: true,
              params: [
                { name: 'SSID', access: 'readWrite', valueType: 'string', valueChange: 'allowed' },
                { name: 'Key', access: 'writeOnly', valueType: 'hexBinary', valueChange: 'willIgnore' },
              ],
              commands: [{ name: 'Reset()', type: 'async', inputArgs: ['Mode'], outputArgs: ['Result.{i}.Status'] }],
              events: [{ name: 'Changed!', args: ['Old', 'New'] }],
              uniqueKeySets: [['Alias'], ['Name', 'Index']],
              divergentPaths: ['Device.WiFi.SSID.3.'],
            },
          ],
        },
        { requestedPath: 'Device.Bad.', errCode: 7026, errMsg: 'not supported', dataModelInstUri: '', objects: [] },
      ],
    });
  });

  it('reads a pre-1.2 response: missing fields become unknown / empty', () => {
    const msg = resp(MsgType.GET_SUPPORTED_DM_RESP, {
      get_supported_dm_resp: {
        req_obj_results: [
          {
            req_obj_path: 'Device.',
            supported_objs: [
              { supported_obj_path: 'Device.', supported_params: [{ param_name: 'RootDataModelVersion' }], supported_commands: [{ command_name: 'Reboot()' }] },
            ],
          },
        ],
      },
    });
    expect(parseGetSupportedDMResp(msg).requestedObjs[0]?.objects[0]).toEqual({
      path: 'Device.',
      access: 'readOnly',
      isMultiInstance: false,
      params: [{ name: 'RootDataModelVersion', access: 'readOnly', valueType: 'unknown', valueChange: 'unknown' }],
      commands: [{ name: 'Reboot()', type: 'unknown', inputArgs: [], outputArgs: [] }],
      events: [],
      uniqueKeySets: [],
      divergentPaths: [],
    });
  });
});

describe('parseGetInstancesResp', () => {
  it('reads instances with unique keys and per-path errors', () => {
    const msg = resp(MsgType.GET_INSTANCES_RESP, {
      get_instances_resp: {
        req_path_results: [
          {
            requested_path: 'Device.WiFi.SSID.',
            curr_insts: [
              { instantiated_obj_path: 'Device.WiFi.SSID.1.', unique_keys: { Alias: 'cpe-1', Name: 'wl0' } },
              { instantiated_obj_path: 'Device.WiFi.SSID.2.' },
            ],
          },
          { requested_path: 'Device.DeviceInfo.', err_code: 7018, err_msg: 'not a table' },
        ],
      },
    });
    expect(parseGetInstancesResp(msg)).toEqual({
      requestedPaths: [
        {
          requestedPath: 'Device.WiFi.SSID.',
          errCode: 0,
          errMsg: '',
          instances: [
            { path: 'Device.WiFi.SSID.1.', uniqueKeys: { Alias: 'cpe-1', Name: 'wl0' } },
            { path: 'Device.WiFi.SSID.2.', uniqueKeys: {} },
          ],
        },
        { requestedPath: 'Device.DeviceInfo.', errCode: 7018, errMsg: 'not a table', instances: [] },
      ],
    });
  });
});

describe('parseGetSupportedProtocolResp', () => {
  it('splits the version list', () => {
    const msg = resp(MsgType.GET_SUPPORTED_PROTO_RESP, { get_supported_protocol_resp: { agent_supported_protocol_versions: '1.0, 1.1,1.2,1.3' } });
    expect(parseGetSupportedProtocolResp(msg)).toEqual({ agentSupportedProtocolVersions: '1.0, 1.1,1.2,1.3', versions: ['1.0', '1.1', '1.2', '1.3'] });
    expect(splitVersions('')).toEqual([]);
  });
});
