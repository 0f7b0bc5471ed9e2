import { describe, expect, it } from 'vitest';
import { handleGet } from '../../../src/main/sim/handlers/get';
import { handlerContext } from './handler-context';

describe('Get handler', () => {
  it('reports a parameter path against its parent object (R-GET.2/3)', () => {
    const { ctx } = handlerContext();
    const resp = handleGet(ctx, { param_paths: ['Device.WiFi.SSID.1.SSID'] });
    expect(resp.req_path_results).toEqual([
      { requested_path: 'Device.WiFi.SSID.1.SSID', err_code: 0, resolved_path_results: [{ resolved_path: 'Device.WiFi.SSID.1.', result_params: { SSID: 'Acme-7F10' } }] },
    ]);
  });

  it('gives one entry per sub-object of a partial path and honours max_depth', () => {
    const { ctx } = handlerContext();
    const all = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.1.'] }).req_path_results?.[0];
    expect(all?.resolved_path_results?.map((r) => r.resolved_path)).toEqual([
      'Device.WiFi.AccessPoint.1.',
      'Device.WiFi.AccessPoint.1.AssociatedDevice.1.',
      'Device.WiFi.AccessPoint.1.AssociatedDevice.1.Stats.',
      'Device.WiFi.AccessPoint.1.Security.',
      'Device.WiFi.AccessPoint.1.WPS.',
    ]);
    const one = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.1.'], max_depth: 1 }).req_path_results?.[0];
    expect(one?.resolved_path_results?.map((r) => r.resolved_path)).toEqual(['Device.WiFi.AccessPoint.1.']);
    const two = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.1.'], max_depth: 2 }).req_path_results?.[0];
    expect(two?.resolved_path_results).toHaveLength(4);
    const huge = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.1.'], max_depth: 0x80000000 }).req_path_results?.[0];
    expect(huge?.resolved_path_results).toHaveLength(5);
  });

  it('resolves wildcards, search expressions and unique keys to instance numbers (R-MSG.3)', () => {
    const { ctx } = handlerContext();
    const [wild, search, key, none] = handleGet(ctx, {
      param_paths: [
        'Device.WiFi.SSID.*.Enable',
        'Device.WiFi.SSID.[Enable==true&&LowerLayers=="Device.WiFi.Radio.2"].SSID',
        'Device.WiFi.Radio.[Alias=="cpe-radio-5g"].Channel',
        'Device.WiFi.SSID.[SSID=="nope"].',
      ],
    }).req_path_results ?? [];
    expect(wild?.resolved_path_results?.map((r) => r.resolved_path)).toEqual(['Device.WiFi.SSID.1.', 'Device.WiFi.SSID.2.', 'Device.WiFi.SSID.3.', 'Device.WiFi.SSID.4.']);
    expect(search?.resolved_path_results).toEqual([{ resolved_path: 'Device.WiFi.SSID.2.', result_params: { SSID: 'Acme-7F10' } }]);
    expect(key?.resolved_path_results).toEqual([{ resolved_path: 'Device.WiFi.Radio.2.', result_params: { Channel: '36' } }]);
    expect(none).toEqual({ requested_path: 'Device.WiFi.SSID.[SSID=="nope"].', err_code: 0, resolved_path_results: [] });
  });

  it('follows references', () => {
    const { ctx } = handlerContext();
    const [r] = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.2.SSIDReference+.SSID'] }).req_path_results ?? [];
    expect(r?.resolved_path_results).toEqual([{ resolved_path: 'Device.WiFi.SSID.2.', result_params: { SSID: 'Acme-7F10' } }]);
  });

  it('fails only the bad paths: 7026 for unknown or missing objects, 7008 for bad syntax (R-GET.0)', () => {
    const { ctx } = handlerContext();
    const results = handleGet(ctx, { param_paths: ['Device.Nope.', 'Device.WiFi.SSID.9.', 'Device.WiFi.SSID.1.Bogus', 'Device..', 'Device.DeviceInfo.ModelName'] }).req_path_results ?? [];
    expect(results.map((r) => r.err_code)).toEqual([7026, 7026, 7026, 7008, 0]);
    expect(results[4]?.resolved_path_results?.[0]?.result_params).toEqual({ ModelName: 'HGW-5400AX' });
  });

  it('reads secured parameters back as empty strings', () => {
    const { ctx } = handlerContext();
    const [r] = handleGet(ctx, { param_paths: ['Device.WiFi.AccessPoint.1.Security.KeyPassphrase'] }).req_path_results ?? [];
    expect(r?.resolved_path_results?.[0]?.result_params).toEqual({ KeyPassphrase: '' });
  });
});
