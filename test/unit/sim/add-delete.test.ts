import { describe, expect, it } from 'vitest';
import { handleAdd } from '../../../src/main/sim/handlers/add';
import { handleDelete } from '../../../src/main/sim/handlers/delete';
import { handlerContext } from './handler-context';

describe('Add handler', () => {
  it('creates a row with defaults, nested settings and agent-assigned keys (R-ADD.5)', () => {
    const { ctx } = handlerContext();
    const msg = handleAdd(ctx, 'a1', {
      allow_partial: false,
      create_objs: [
        {
          obj_path: 'Device.WiFi.AccessPoint.',
          param_settings: [
            { param: 'SSIDReference', value: 'Device.WiFi.SSID.3', required: true },
            { param: 'Security.ModeEnabled', value: 'WPA3-Personal' },
          ],
        },
      ],
    });
    const ok = msg.body?.response?.add_resp?.created_obj_results?.[0]?.oper_status?.oper_success;
    expect(ok).toEqual({ instantiated_path: 'Device.WiFi.AccessPoint.3.', param_errs: [], unique_keys: { Alias: 'cpe-3', SSIDReference: 'Device.WiFi.SSID.3' } });
    expect(ctx.model.get('Device.WiFi.AccessPoint.3.Enable')).toBe('false');
    expect(ctx.model.get('Device.WiFi.AccessPoint.3.Security.ModeEnabled')).toBe('WPA3-Personal');
    expect(ctx.model.get('Device.WiFi.AccessPointNumberOfEntries')).toBe('3');
  });

  it('fills Subscription Recipient and CreationDate for the requesting controller', () => {
    const { ctx } = handlerContext();
    const msg = handleAdd(ctx, 'a2', {
      create_objs: [{ obj_path: 'Device.LocalAgent.Subscription.', param_settings: [{ param: 'ID', value: 'boot-1' }, { param: 'NotifType', value: 'Event' }] }],
    });
    const path = msg.body?.response?.add_resp?.created_obj_results?.[0]?.oper_status?.oper_success?.instantiated_path ?? '';
    expect(ctx.model.get(`${path}Recipient`)).toBe('Device.LocalAgent.Controller.1');
    expect(ctx.model.get(`${path}CreationDate`)).toBe('2026-11-25T12:00:00Z');
  });

  it('refuses agent-managed tables (7019), non-tables (7018), duplicate keys (7025) and bad required values', () => {
    const { ctx } = handlerContext();
    const msg = handleAdd(ctx, 'a3', {
      allow_partial: true,
      create_objs: [
        { obj_path: 'Device.WiFi.Radio.' },
        { obj_path: 'Device.DeviceInfo.' },
        { obj_path: 'Device.Users.User.', param_settings: [{ param: 'Username', value: 'admin' }, { param: 'Enable', value: 'true' }] },
        { obj_path: 'Device.NAT.PortMapping.', param_settings: [{ param: 'Protocol', value: 'SCTP', required: true }] },
      ],
    });
    const codes = msg.body?.response?.add_resp?.created_obj_results?.map((r) => r.oper_status?.oper_failure?.err_code);
    expect(codes).toEqual([7019, 7018, 7025, 7021]);
    const strict = handleAdd(ctx, 'a4', { allow_partial: false, create_objs: [{ obj_path: 'Device.Time.Client.' }, { obj_path: 'Device.WiFi.Radio.' }] });
    expect(strict.body?.error?.err_code).toBe(7019);
    expect(ctx.model.instances('Device.Time.Client.')).toEqual([1]);
  });
});

describe('Delete handler', () => {
  it('deletes rows with everything below them and keeps counters right', () => {
    const { ctx } = handlerContext();
    const msg = handleDelete(ctx, 'd1', { allow_partial: false, obj_paths: ['Device.NAT.PortMapping.[Protocol=="UDP"].'] });
    expect(msg.body?.response?.delete_resp?.deleted_obj_results?.[0]?.oper_status?.oper_success?.affected_paths).toEqual(['Device.NAT.PortMapping.2.']);
    expect(ctx.model.get('Device.NAT.PortMappingNumberOfEntries')).toBe('1');
    expect(ctx.model.exists('Device.NAT.PortMapping.2.')).toBe(false);
  });

  it('refuses everything when one path fails and allow_partial=false (R-DEL.1)', () => {
    const { ctx } = handlerContext();
    const msg = handleDelete(ctx, 'd2', { allow_partial: false, obj_paths: ['Device.NAT.PortMapping.1.', 'Device.WiFi.Radio.1.'] });
    expect(msg.body?.error?.err_code).toBe(7024);
    expect(msg.body?.error?.param_errs?.map((p) => p.param_path)).toEqual(['Device.WiFi.Radio.1.']);
    expect(ctx.model.exists('Device.NAT.PortMapping.1.')).toBe(true);
  });

  it('treats each path on its own with allow_partial=true', () => {
    const { ctx } = handlerContext();
    const msg = handleDelete(ctx, 'd3', { allow_partial: true, obj_paths: ['Device.NAT.PortMapping.9.', 'Device.NAT.PortMapping.*.'] });
    const [missing, all] = msg.body?.response?.delete_resp?.deleted_obj_results ?? [];
    expect(missing?.oper_status?.oper_failure?.err_code).toBe(7016);
    expect(all?.oper_status?.oper_success?.affected_paths).toEqual(['Device.NAT.PortMapping.1.', 'Device.NAT.PortMapping.2.']);
  });
});
