import { describe, expect, it } from 'vitest';
import { decodeMsg, encodeMsg } from '../../../../src/main/usp/codec';
import { usp } from '../../../../src/main/usp/generated/usp-proto.js';
import { UnexpectedResponseError, buildGet, buildNotify, buildNotifyResp, messageKind, parseNotify, type Notification } from '../../../../src/main/usp/messages';

const notifications: Notification[] = [
  { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: { CommandKey: '', Cause: 'LocalReboot' } },
  { kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'lab' },
  { kind: 'obj_creation', objPath: 'Device.Hosts.Host.4.', uniqueKeys: { PhysAddress: 'aa:bb' } },
  { kind: 'obj_deletion', objPath: 'Device.Hosts.Host.4.' },
  { kind: 'oper_complete', objPath: 'Device.', commandName: 'SelfTestDiagnostics()', commandKey: 'k', result: { ok: true, outputArgs: { Results: 'ok' } } },
  { kind: 'oper_complete', objPath: 'Device.', commandName: 'Reboot()', commandKey: '', result: { ok: false, errCode: 7023, errMsg: 'canceled' } },
  { kind: 'oper_complete', objPath: 'Device.', commandName: 'X()', commandKey: 'e', result: { ok: true, outputArgs: {} } },
  { kind: 'on_board_req', oui: '012345', productClass: 'USP Agent', serialNumber: '000000000000', agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3' },
];

describe('buildNotify / parseNotify', () => {
  it.each(notifications.map((n) => [n.kind, n] as const))('round-trips %s', (_kind, notification) => {
    const sendResp = notification.kind === 'on_board_req';
    const subscriptionId = notification.kind === 'on_board_req' ? '' : 'sub-1';
    const msg = decodeMsg(encodeMsg(buildNotify('n-1', { subscriptionId, sendResp, notification })));
    expect(msg.header?.msg_type).toBe(usp.Header.MsgType.NOTIFY);
    expect(messageKind(msg)).toBe('notify');
    expect(parseNotify(msg)).toEqual({ msgId: 'n-1', subscriptionId, sendResp, notification });
  });

  it('rejects other kinds', () => {
    expect(() => parseNotify(buildGet('g', ['Device.']))).toThrow(UnexpectedResponseError);
  });
});

describe('buildNotifyResp', () => {
  it('echoes msg_id and subscription_id, byte-exact', () => {
    const bytes = encodeMsg(buildNotifyResp('n1', 's1'));
    expect(Buffer.from(bytes).toString('hex')).toBe('0a060a026e31101012081206420 40a027331'.replace(/\s/g, ''));
    expect(messageKind(decodeMsg(bytes))).toBe('notify_resp');
  });
});
