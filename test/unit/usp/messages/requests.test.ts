import { describe, expect, it } from 'vitest';
import { decodeMsg, encodeMsg } from '../../../../src/main/usp/codec';
import { usp } from '../../../../src/main/usp/generated/usp-proto.js';
import {
  CONTROLLER_SUPPORTED_PROTOCOL_VERSIONS,
  buildAdd,
  buildDelete,
  buildGet,
  buildGetInstances,
  buildGetSupportedDM,
  buildGetSupportedProtocol,
  buildOperate,
  buildSet,
  messageKind,
} from '../../../../src/main/usp/messages';

const MsgType = usp.Header.MsgType;
// Every builder's output must survive the strict decoder: that proves msg_type matches the body.
const roundTrip = (msg: usp.IMsg): usp.Msg => decodeMsg(encodeMsg(msg));

describe('request builders', () => {
  it('buildGet', () => {
    const msg = roundTrip(buildGet('g1', ['Device.DeviceInfo.', 'Device.WiFi.SSID.*.SSID']));
    expect(msg.header?.msg_id).toBe('g1');
    expect(msg.header?.msg_type).toBe(MsgType.GET);
    expect(messageKind(msg)).toBe('get');
    expect(msg.body?.request?.get?.param_paths).toEqual(['Device.DeviceInfo.', 'Device.WiFi.SSID.*.SSID']);
    expect(msg.body?.request?.get?.max_depth ?? 0).toBe(0);
    expect(roundTrip(buildGet('g2', ['Device.'], 2)).body?.request?.get?.max_depth).toBe(2);
  });

  it('buildSet', () => {
    const msg = roundTrip(
      buildSet('s1', {
        allowPartial: true,
        updateObjs: [{ objPath: 'Device.WiFi.SSID.1.', params: [{ param: 'SSID', value: 'home', required: true }, { param: 'Enable', value: 'true' }] }],
      }),
    );
    expect(msg.header?.msg_type).toBe(MsgType.SET);
    const set = msg.body?.request?.set;
    expect(set?.allow_partial).toBe(true);
    expect(set?.update_objs?.[0]?.obj_path).toBe('Device.WiFi.SSID.1.');
    expect(set?.update_objs?.[0]?.param_settings?.map((p) => [p.param, p.value, p.required ?? false])).toEqual([
      ['SSID', 'home', true],
      ['Enable', 'true', false],
    ]);
  });

  it('buildAdd', () => {
    const msg = roundTrip(
      buildAdd('a1', {
        allowPartial: false,
        createObjs: [{ objPath: 'Device.LocalAgent.Subscription.', params: [{ param: 'ID', value: 'boot-1', required: true }] }],
      }),
    );
    expect(msg.header?.msg_type).toBe(MsgType.ADD);
    expect(msg.body?.request?.add?.allow_partial ?? false).toBe(false);
    expect(msg.body?.request?.add?.create_objs?.[0]?.param_settings?.[0]?.value).toBe('boot-1');
  });

  it('buildDelete', () => {
    const msg = roundTrip(buildDelete('d1', { allowPartial: true, objPaths: ['Device.X.1.', 'Device.X.2.'] }));
    expect(msg.header?.msg_type).toBe(MsgType.DELETE);
    expect(msg.body?.request?.delete?.obj_paths).toEqual(['Device.X.1.', 'Device.X.2.']);
  });

  it('buildOperate', () => {
    const msg = roundTrip(
      buildOperate('o1', { command: 'Device.IP.Diagnostics.IPPing()', commandKey: 'k1', sendResp: true, inputArgs: { Host: '10.0.0.1', __proto__: 'odd' } as Record<string, string> }),
    );
    expect(msg.header?.msg_type).toBe(MsgType.OPERATE);
    const op = msg.body?.request?.operate;
    expect(op?.command).toBe('Device.IP.Diagnostics.IPPing()');
    expect(op?.command_key).toBe('k1');
    expect(op?.send_resp).toBe(true);
    expect(op?.input_args?.Host).toBe('10.0.0.1');
  });

  it('buildGetSupportedDM sets only the flags asked for', () => {
    const all = roundTrip(
      buildGetSupportedDM('gs', {
        objPaths: ['Device.'],
        firstLevelOnly: true,
        returnCommands: true,
        returnEvents: true,
        returnParams: true,
        returnUniqueKeySets: true,
      }),
    );
    expect(all.header?.msg_type).toBe(MsgType.GET_SUPPORTED_DM);
    const g = all.body?.request?.get_supported_dm;
    expect([g?.first_level_only, g?.return_commands, g?.return_events, g?.return_params, g?.return_unique_key_sets]).toEqual([true, true, true, true, true]);
    const bare = buildGetSupportedDM('gs2', { objPaths: ['Device.'] }).body?.request?.get_supported_dm;
    expect(bare).toEqual({ obj_paths: ['Device.'] });
  });

  it('buildGetInstances', () => {
    const msg = roundTrip(buildGetInstances('gi', { objPaths: ['Device.WiFi.SSID.'], firstLevelOnly: true }));
    expect(msg.header?.msg_type).toBe(MsgType.GET_INSTANCES);
    expect(msg.body?.request?.get_instances?.first_level_only).toBe(true);
    expect(buildGetInstances('gi2', { objPaths: ['Device.'] }).body?.request?.get_instances).toEqual({ obj_paths: ['Device.'] });
  });

  it('buildGetSupportedProtocol', () => {
    const msg = roundTrip(buildGetSupportedProtocol('p', '1.3,1.4'));
    expect(msg.header?.msg_type).toBe(MsgType.GET_SUPPORTED_PROTO);
    expect(msg.body?.request?.get_supported_protocol?.controller_supported_protocol_versions).toBe('1.3,1.4');
    expect(buildGetSupportedProtocol('p2').body?.request?.get_supported_protocol?.controller_supported_protocol_versions).toBe(
      CONTROLLER_SUPPORTED_PROTOCOL_VERSIONS,
    );
  });
});
