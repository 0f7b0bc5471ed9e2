import { describe, expect, it } from 'vitest';
import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import { parseNotify, type NotifyData } from '../../../src/main/usp/messages';
import { createHomeGatewayModel } from '../../../src/main/sim/model/builtin-model';
import type { DataModel } from '../../../src/main/sim/model/data-model';
import { NotifySender, notifyMsgId } from '../../../src/main/sim/notify/notify-sender';
import { SubscriptionEngine } from '../../../src/main/sim/notify/subscriptions';

const CONTROLLER = 'self::ctl';

interface Rig {
  model: DataModel;
  engine: SubscriptionEngine;
  sender: NotifySender;
  sent: { to: string; notify: NotifyData }[];
}

function rig(minWaitMs = 10_000): Rig {
  const model = createHomeGatewayModel();
  model.createInstance('Device.LocalAgent.Controller.', { EndpointID: CONTROLLER, Enable: 'true' });
  const sent: Rig['sent'] = [];
  const sender = new NotifySender(
    (to, msg: usp.IMsg) => sent.push({ to, notify: parseNotify(msg) }),
    () => ({ minWaitMs, multiplier: 2 }),
    () => new Date('2026-11-25T12:00:00Z'),
  );
  const engine = new SubscriptionEngine(model, sender);
  model.onChange((c) => engine.handleChange(c));
  return { model, engine, sender, sent };
}

function subscribe(model: DataModel, values: Record<string, string>): void {
  model.createInstance('Device.LocalAgent.Subscription.', { Enable: 'true', Recipient: 'Device.LocalAgent.Controller.1', ...values });
}

describe('subscription engine', () => {
  it('sends ValueChange for parameters under a subscribed search path only', () => {
    const { model, sent } = rig();
    subscribe(model, { ID: 'vc', NotifType: 'ValueChange', ReferenceList: 'Device.WiFi.SSID.[Enable==true].SSID' });
    model.setValue('Device.WiFi.SSID.1.', 'SSID', 'Home');
    model.setValue('Device.WiFi.SSID.3.', 'SSID', 'Guest');
    model.setValue('Device.WiFi.SSID.1.', 'Name', 'wl9');
    expect(sent.map((s) => s.notify.notification)).toEqual([{ kind: 'value_change', paramPath: 'Device.WiFi.SSID.1.SSID', paramValue: 'Home' }]);
    expect(sent[0]?.to).toBe(CONTROLLER);
    expect(sent[0]?.notify).toMatchObject({ subscriptionId: 'vc', sendResp: false, msgId: 'ValueChange-2026-11-25T12:00:00Z-1' });
  });

  it('sends ObjectCreation for a subscribed table and ObjectDeletion for its rows', () => {
    const { model, sent } = rig();
    subscribe(model, { ID: 'oc', NotifType: 'ObjectCreation', ReferenceList: 'Device.NAT.PortMapping.' });
    subscribe(model, { ID: 'od', NotifType: 'ObjectDeletion', ReferenceList: 'Device.NAT.PortMapping.*.' });
    const row = model.createInstance('Device.NAT.PortMapping.', { Alias: 'web', Protocol: 'TCP', ExternalPort: '80' });
    model.deleteInstance(row);
    expect(sent.map((s) => [s.notify.subscriptionId, s.notify.notification])).toEqual([
      ['oc', { kind: 'obj_creation', objPath: 'Device.NAT.PortMapping.3.', uniqueKeys: { Alias: 'web', RemoteHost: '', ExternalPort: '80', Protocol: 'TCP' } }],
      ['od', { kind: 'obj_deletion', objPath: 'Device.NAT.PortMapping.3.' }],
    ]);
  });

  it('sends Boot! with the recipient controller’s BootParameter values, and ignores disabled subscriptions', () => {
    const { model, engine, sent } = rig();
    model.createInstance('Device.LocalAgent.Controller.1.BootParameter.', { Enable: 'true', ParameterName: 'Device.DeviceInfo.SoftwareVersion' });
    subscribe(model, { ID: 'boot', NotifType: 'Event', ReferenceList: 'Device.Boot!', NotifRetry: 'true' });
    subscribe(model, { ID: 'off', NotifType: 'Event', ReferenceList: 'Device.', Enable: 'false' });
    engine.event('Device.', 'Boot!', (c) => ({ Cause: 'RemoteReboot', ParameterMap: engine.bootParameterMap(c) }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.notify).toMatchObject({
      subscriptionId: 'boot',
      sendResp: true,
      notification: { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: { Cause: 'RemoteReboot', ParameterMap: '{"Device.DeviceInfo.SoftwareVersion":"3.2.1"}' } },
    });
  });

  it('delivers OperationComplete to subscribers of the command or an object above it', () => {
    const { model, engine, sent } = rig();
    subscribe(model, { ID: 'all', NotifType: 'OperationComplete', ReferenceList: 'Device.IP.' });
    subscribe(model, { ID: 'other', NotifType: 'OperationComplete', ReferenceList: 'Device.WiFi.NeighboringWiFiDiagnostic()' });
    engine.operationComplete('Device.IP.Diagnostics.', 'IPPing()', 'k', { ok: false, errCode: 7023, errMsg: 'Command canceled' });
    expect(sent.map((s) => s.notify.subscriptionId)).toEqual(['all']);
    expect(sent[0]?.notify.notification).toEqual({
      kind: 'oper_complete',
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'IPPing()',
      commandKey: 'k',
      result: { ok: false, errCode: 7023, errMsg: 'Command canceled' },
    });
  });

  it('drops non-persistent subscriptions and expired ones', () => {
    const { model, engine } = rig();
    subscribe(model, { ID: 'keep', NotifType: 'Event', ReferenceList: 'Device.Boot!', Persistent: 'true' });
    subscribe(model, { ID: 'gone', NotifType: 'Event', ReferenceList: 'Device.Boot!' });
    subscribe(model, { ID: 'ttl', NotifType: 'Event', ReferenceList: 'Device.Boot!', Persistent: 'true', TimeToLive: '60', CreationDate: '2026-11-25T12:00:00Z' });
    engine.dropNonPersistent();
    expect(model.instances('Device.LocalAgent.Subscription.').map((n) => model.get(`Device.LocalAgent.Subscription.${n}.ID`))).toEqual(['keep', 'ttl']);
    engine.expire(new Date('2026-11-25T12:00:59Z'));
    expect(model.instances('Device.LocalAgent.Subscription.')).toHaveLength(2);
    engine.expire(new Date('2026-11-25T12:01:00Z'));
    expect(model.instances('Device.LocalAgent.Subscription.').map((n) => model.get(`Device.LocalAgent.Subscription.${n}.ID`))).toEqual(['keep']);
  });
});

describe('Notify sender', () => {
  it('names msg_ids like obuspa', () => {
    expect(notifyMsgId('Event', new Date('2026-11-25T12:18:06.123Z'), 1)).toBe('Event-2026-11-25T12:18:06Z-1');
  });

  it('repeats a send_resp Notify with the same msg_id until acknowledged', async () => {
    const { sender, sent } = rig(20);
    const id = sender.notify(CONTROLLER, 'OnBoardRequest', '', true, { kind: 'on_board_req', oui: '0C1A2B', productClass: 'p', serialNumber: 's', agentSupportedProtocolVersions: '1.3' });
    while (sent.length < 3) await new Promise((r) => setTimeout(r, 5));
    expect(new Set(sent.map((s) => s.notify.msgId))).toEqual(new Set([id]));
    sender.acknowledged(id);
    expect(sender.unacknowledged).toEqual([]);
  });

  it('does not keep a Notify without send_resp', () => {
    const { sender } = rig(20);
    sender.notify(CONTROLLER, 'Event', 's', false, { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: {} });
    expect(sender.unacknowledged).toEqual([]);
  });
});
