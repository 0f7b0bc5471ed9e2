import { describe, expect, it } from 'vitest';
import { usp } from '../../../src/main/usp/generated/usp-proto.js';
import { dispatchMessage } from '../../../src/main/sim/handlers/dispatch';
import { handleGetInstances } from '../../../src/main/sim/handlers/get-instances';
import { handleGetSupportedDM } from '../../../src/main/sim/handlers/get-supported-dm';
import { handlerContext } from './handler-context';

const T = usp.Header.MsgType;

describe('GetSupportedDM handler', () => {
  it('lists an object with its children on first_level_only, elements only when asked', () => {
    const { ctx } = handlerContext();
    const resp = handleGetSupportedDM(ctx, { obj_paths: ['Device.WiFi.'], first_level_only: true, return_params: true });
    const objs = resp.req_obj_results?.[0]?.supported_objs ?? [];
    expect(objs.map((o) => o.supported_obj_path)).toEqual(['Device.WiFi.', 'Device.WiFi.AccessPoint.{i}.', 'Device.WiFi.Radio.{i}.', 'Device.WiFi.SSID.{i}.']);
    expect(objs[0]?.supported_params?.map((p) => p.param_name)).toContain('SSIDNumberOfEntries');
    expect(objs[1]?.supported_params).toEqual([]);
    expect(objs[1]?.is_multi_instance).toBe(true);
    expect(objs[1]?.access).toBe(usp.GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE);
  });

  it('reports commands with their type and arguments, unique keys, and accepts a dropped {i}', () => {
    const { ctx } = handlerContext();
    const resp = handleGetSupportedDM(ctx, {
      obj_paths: ['Device.IP.Diagnostics.', 'Device.WiFi.SSID.'],
      first_level_only: true,
      return_commands: true,
      return_unique_key_sets: true,
    });
    const ping = resp.req_obj_results?.[0]?.supported_objs?.[0]?.supported_commands?.find((c) => c.command_name === 'IPPing()');
    expect(ping?.command_type).toBe(usp.GetSupportedDMResp.CmdType.CMD_ASYNC);
    expect(ping?.input_arg_names).toContain('Host');
    expect(ping?.output_arg_names).toContain('AverageResponseTime');
    expect(resp.req_obj_results?.[1]?.supported_objs?.[0]?.unique_key_sets).toEqual([{ key_names: ['Alias'] }, { key_names: ['Name'] }, { key_names: ['BSSID'] }]);
  });

  it('answers a single parameter path (1.4) and fails unknown paths with 7026', () => {
    const { ctx } = handlerContext();
    const resp = handleGetSupportedDM(ctx, { obj_paths: ['Device.WiFi.SSID.{i}.SSID', 'Device.Nope.'] });
    const [param, bad] = resp.req_obj_results ?? [];
    expect(param?.supported_objs?.[0]?.supported_params).toEqual([
      { param_name: 'SSID', access: 1, value_type: usp.GetSupportedDMResp.ParamValueType.PARAM_STRING, value_change: 1 },
    ]);
    expect(bad?.err_code).toBe(7026);
  });
});

describe('GetInstances handler', () => {
  it('lists rows with unique keys, nested tables unless first_level_only', () => {
    const { ctx } = handlerContext();
    const [flat, deep, notTable] =
      handleGetInstances(ctx, { obj_paths: ['Device.WiFi.AccessPoint.', 'Device.WiFi.AccessPoint.', 'Device.DeviceInfo.'], first_level_only: true }).req_path_results ?? [];
    expect(flat?.curr_insts).toEqual([
      { instantiated_obj_path: 'Device.WiFi.AccessPoint.1.', unique_keys: { Alias: 'cpe-ap-main-2g', SSIDReference: 'Device.WiFi.SSID.1' } },
      { instantiated_obj_path: 'Device.WiFi.AccessPoint.2.', unique_keys: { Alias: 'cpe-ap-main-5g', SSIDReference: 'Device.WiFi.SSID.2' } },
    ]);
    expect(deep?.curr_insts).toHaveLength(2);
    expect(notTable?.err_code).toBe(7018);
    const nested = handleGetInstances(ctx, { obj_paths: ['Device.WiFi.AccessPoint.'], first_level_only: false }).req_path_results?.[0];
    expect(nested?.curr_insts?.map((i) => i.instantiated_obj_path)).toEqual([
      'Device.WiFi.AccessPoint.1.',
      'Device.WiFi.AccessPoint.1.AssociatedDevice.1.',
      'Device.WiFi.AccessPoint.2.',
      'Device.WiFi.AccessPoint.2.AssociatedDevice.1.',
      'Device.WiFi.AccessPoint.2.AssociatedDevice.2.',
    ]);
  });
});

describe('message dispatch', () => {
  const hooks = { acked: [] as string[], notifyResp(id: string) { this.acked.push(id); } };

  it('answers GetSupportedProtocol with the obuspa version list', () => {
    const { ctx } = handlerContext();
    const reply = dispatchMessage(ctx, hooks, { header: { msg_id: 'p', msg_type: T.GET_SUPPORTED_PROTO }, body: { request: { get_supported_protocol: { controller_supported_protocol_versions: '1.3' } } } });
    expect(reply?.header).toEqual({ msg_id: 'p', msg_type: T.GET_SUPPORTED_PROTO_RESP });
    expect(reply?.body?.response?.get_supported_protocol_resp?.agent_supported_protocol_versions).toBe('1.0,1.1,1.2,1.3');
  });

  it('refuses a body that does not match msg_type (7001) and agent-only messages (7002)', () => {
    const { ctx } = handlerContext();
    const mismatch = dispatchMessage(ctx, hooks, { header: { msg_id: 'x', msg_type: T.SET }, body: { request: { get: { param_paths: ['Device.'] } } } });
    expect(mismatch?.body?.error?.err_code).toBe(7001);
    const notify = dispatchMessage(ctx, hooks, { header: { msg_id: 'n', msg_type: T.NOTIFY }, body: { request: { notify: {} } } });
    expect(notify?.body?.error?.err_code).toBe(7002);
  });

  it('passes NotifyResp on and sends nothing back', () => {
    const { ctx } = handlerContext();
    const reply = dispatchMessage(ctx, hooks, { header: { msg_id: 'Event-1', msg_type: T.NOTIFY_RESP }, body: { response: { notify_resp: { subscription_id: 's' } } } });
    expect(reply).toBeNull();
    expect(hooks.acked).toEqual(['Event-1']);
  });
});
