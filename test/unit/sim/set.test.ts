import { describe, expect, it } from 'vitest';
import { handleSet } from '../../../src/main/sim/handlers/set';
import { handlerContext } from './handler-context';

describe('Set handler', () => {
  it('writes, canonicalises and reports updated_params', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm1', {
      allow_partial: false,
      update_objs: [{ obj_path: 'Device.WiFi.SSID.[Alias=="cpe-ssid-guest-2g"].', param_settings: [{ param: 'Enable', value: '1', required: true }] }],
    });
    const result = msg.body?.response?.set_resp?.updated_obj_results?.[0];
    expect(result?.oper_status?.oper_success?.updated_inst_results).toEqual([{ affected_path: 'Device.WiFi.SSID.3.', updated_params: { Enable: 'true' }, param_errs: [] }]);
    expect(ctx.model.get('Device.WiFi.SSID.3.Enable')).toBe('true');
    expect(msg.header?.msg_type).toBe(5);
  });

  it('refuses the whole request with an Error when a required parameter fails and allow_partial=false', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm2', {
      allow_partial: false,
      update_objs: [
        { obj_path: 'Device.DeviceInfo.', param_settings: [{ param: 'FriendlyName', value: 'changed', required: true }] },
        { obj_path: 'Device.WiFi.Radio.1.', param_settings: [{ param: 'Channel', value: 'six', required: true }] },
      ],
    });
    expect(msg.body?.error).toEqual({
      err_code: 7021,
      err_msg: 'Device.WiFi.Radio.1.Channel: "six" is not an unsignedInt',
      param_errs: [{ param_path: 'Device.WiFi.Radio.1.Channel', err_code: 7011, err_msg: 'Device.WiFi.Radio.1.Channel: "six" is not an unsignedInt' }],
    });
    expect(ctx.model.get('Device.DeviceInfo.FriendlyName')).toBe('Living room gateway');
  });

  it('follows the allow_partial/required decision table (a failed required param fails its object)', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm3', {
      allow_partial: true,
      update_objs: [
        { obj_path: 'Device.WiFi.Radio.2.', param_settings: [{ param: 'Channel', value: '100' }, { param: 'Name', value: 'x' }] },
        { obj_path: 'Device.WiFi.Radio.1.', param_settings: [{ param: 'TransmitPower', value: '500', required: true }] },
        { obj_path: 'Device.WiFi.Radio.9.', param_settings: [{ param: 'Channel', value: '1' }] },
      ],
    });
    const [partial, failed, missing] = msg.body?.response?.set_resp?.updated_obj_results ?? [];
    expect(partial?.oper_status?.oper_success?.updated_inst_results?.[0]).toEqual({
      affected_path: 'Device.WiFi.Radio.2.',
      updated_params: { Channel: '100' },
      param_errs: [{ param: 'Name', err_code: 7013, err_msg: 'Device.WiFi.Radio.2.Name is read-only' }],
    });
    expect(ctx.model.get('Device.WiFi.Radio.2.AutoChannelEnable')).toBe('false');
    expect(failed?.oper_status?.oper_failure?.err_code).toBe(7021);
    expect(failed?.oper_status?.oper_failure?.updated_inst_failures?.[0]?.param_errs?.[0]?.err_code).toBe(7012);
    expect(missing?.oper_status?.oper_failure?.err_code).toBe(7016);
  });

  it('reports unknown parameters (7010), write-once parameters (7013) and duplicate keys (7025)', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm4', {
      allow_partial: true,
      update_objs: [
        { obj_path: 'Device.WiFi.SSID.1.', param_settings: [{ param: 'Bogus', value: '1' }, { param: 'Alias', value: 'renamed' }] },
        { obj_path: 'Device.Users.User.2.', param_settings: [{ param: 'Username', value: 'admin' }, { param: 'Enable', value: 'true' }] },
      ],
    });
    const [ssid, user] = msg.body?.response?.set_resp?.updated_obj_results ?? [];
    expect(ssid?.oper_status?.oper_success?.updated_inst_results?.[0]?.param_errs?.map((e) => e.err_code)).toEqual([7010, 7013]);
    expect(user?.oper_status?.oper_success?.updated_inst_results?.[0]?.param_errs?.map((e) => e.err_code)).toEqual([7025]);
    expect(ctx.model.get('Device.Users.User.2.Username')).toBe('support');
  });

  it('refuses a table path without instances', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm6', { allow_partial: true, update_objs: [{ obj_path: 'Device.WiFi.SSID.', param_settings: [{ param: 'Enable', value: 'true' }] }] });
    expect(msg.body?.response?.set_resp?.updated_obj_results?.[0]?.oper_status?.oper_failure?.err_code).toBe(7026);
    expect(ctx.model.get('Device.WiFi.SSID.3.Enable')).toBe('false');
  });

  it('succeeds with no results when a search path matches nothing', () => {
    const { ctx } = handlerContext();
    const msg = handleSet(ctx, 'm5', { update_objs: [{ obj_path: 'Device.WiFi.SSID.[SSID=="none"].', param_settings: [{ param: 'Enable', value: 'true' }] }] });
    expect(msg.body?.response?.set_resp?.updated_obj_results?.[0]?.oper_status?.oper_success?.updated_inst_results).toEqual([]);
  });
});
