import { describe, expect, it } from 'vitest';
import { parsePath, type PathField } from '../../../../src/main/usp/paths';

// Which path forms each message field accepts: [field, path, accepted, position of the refusal]
const CASES: [PathField, string, boolean, number?][] = [
  ['Get.param_paths', 'Device.DeviceInfo.', true],
  ['Get.param_paths', 'Device.WiFi.SSID.1.', true],
  ['Get.param_paths', 'Device.DeviceInfo.SoftwareVersion', true],
  ['Get.param_paths', 'Device.WiFi.SSID.*.Status', true],
  ['Get.param_paths', 'Device.NAT.PortMapping.1.Interface+.Name', true],
  ['Get.param_paths', 'Device.Reboot()', false, 13],
  ['Get.param_paths', 'Device.Boot!', false, 11],
  ['Get.param_paths', 'Device.WiFi.SSID.{i}.', false, 17],

  ['GetInstances.obj_paths', 'Device.WiFi.SSID.', true],
  ['GetInstances.obj_paths', 'Device.WiFi.AccessPoint.1.AssociatedDevice.', true],
  ['GetInstances.obj_paths', 'Device.IP.Interface.*.IPv4Address.', true],
  ['GetInstances.obj_paths', 'Device.WiFi.SSID.1.', false, 17],
  ['GetInstances.obj_paths', 'Device.WiFi.SSID.*.', false, 17],
  ['GetInstances.obj_paths', 'Device.WiFi.SSID.1.SSID', false, 19],

  ['GetSupportedDM.obj_paths', 'Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.', true],
  ['GetSupportedDM.obj_paths', 'Device.WiFi.AccessPoint.{i}.AssociatedDevice.', true],
  ['GetSupportedDM.obj_paths', 'Device.WiFi.AccessPoint.1.AssociatedDevice.', true],
  ['GetSupportedDM.obj_paths', 'Device.DeviceInfo.SoftwareVersion', true],
  ['GetSupportedDM.obj_paths', 'Device.Reboot()', true],
  ['GetSupportedDM.obj_paths', 'Device.Boot!', true],
  ['GetSupportedDM.obj_paths', 'Device.WiFi.SSID.*.', false, 17],
  ['GetSupportedDM.obj_paths', 'Device.WiFi.SSID.[Enable==true].', false, 17],
  ['GetSupportedDM.obj_paths', 'Device.WiFi.SSID.1.LowerLayers+.Name', false, 30],

  ['Set.obj_path', 'Device.DeviceInfo.', true],
  ['Set.obj_path', 'Device.WiFi.SSID.1.', true],
  ['Set.obj_path', 'Device.WiFi.SSID.[SSID=="Guest"].', true],
  ['Set.obj_path', 'Device.WiFi.SSID.1.SSID', false, 19],

  ['Add.obj_path', 'Device.LocalAgent.Controller.', true],
  ['Add.obj_path', 'Device.WiFi.AccessPoint.*.AC.', true],
  ['Add.obj_path', 'Device.LocalAgent.Controller.1.', false, 29],
  ['Add.obj_path', 'Device.LocalAgent.Controller.[Alias=="a"].', false, 29],

  ['Delete.obj_paths', 'Device.LocalAgent.Controller.3.', true],
  ['Delete.obj_paths', 'Device.LocalAgent.Controller.[EndpointID=="x"].', true],
  ['Delete.obj_paths', 'Device.LocalAgent.Controller.*.', true],
  ['Delete.obj_paths', 'Device.LocalAgent.Controller.', false, 28],
  ['Delete.obj_paths', 'Device.LocalAgent.Controller.1.Alias', false, 31],

  ['Operate.command', 'Device.Reboot()', true],
  ['Operate.command', 'Device.LocalAgent.Controller.[EndpointID=="c"].SendOnBoardRequest()', true],
  ['Operate.command', 'Device.Reboot', false, 7],
  ['Operate.command', 'Device.Boot!', false, 11],

  ['Subscription.ReferenceList', 'Device.DeviceInfo.FriendlyName', true],
  ['Subscription.ReferenceList', 'Device.WiFi.SSID.*.SSID', true],
  ['Subscription.ReferenceList', 'Device.WiFi.AccessPoint.1.AssociatedDevice.*.', true],
  ['Subscription.ReferenceList', 'Device.SelfTestDiagnostics()', true],
  ['Subscription.ReferenceList', 'Device.LocalAgent.Periodic!', true],

  // what each Subscription NotifType's ReferenceList may hold
  ['Subscription.ReferenceList.ValueChange', 'Device.DeviceInfo.FriendlyName', true],
  ['Subscription.ReferenceList.ValueChange', 'Device.WiFi.SSID.*.SSID', true],
  ['Subscription.ReferenceList.ValueChange', 'Device.WiFi.', true],
  ['Subscription.ReferenceList.ValueChange', 'Device.Reboot()', false, 13],
  ['Subscription.ReferenceList.ObjectCreation', 'Device.WiFi.AccessPoint.1.AssociatedDevice.', true],
  ['Subscription.ReferenceList.ObjectCreation', 'Device.WiFi.AccessPoint.*.AssociatedDevice.', true],
  ['Subscription.ReferenceList.ObjectCreation', 'Device.WiFi.AccessPoint.1.', false, 24],
  ['Subscription.ReferenceList.ObjectDeletion', 'Device.WiFi.AccessPoint.1.AssociatedDevice.*.', true],
  ['Subscription.ReferenceList.ObjectDeletion', 'Device.WiFi.AccessPoint.1.AssociatedDevice.', false, 42],
  ['Subscription.ReferenceList.OperationComplete', 'Device.SelfTestDiagnostics()', true],
  ['Subscription.ReferenceList.OperationComplete', 'Device.DeviceInfo.FirmwareImage.*.Download()', true],
  ['Subscription.ReferenceList.OperationComplete', 'Device.LocalAgent.', true],
  ['Subscription.ReferenceList.OperationComplete', 'Device.Boot!', false, 11],
  ['Subscription.ReferenceList.Event', 'Device.Boot!', true],
  ['Subscription.ReferenceList.Event', 'Device.LocalAgent.Periodic!', true],
  ['Subscription.ReferenceList.Event', 'Device.', true],
  ['Subscription.ReferenceList.Event', 'Device.DeviceInfo.UpTime', false, 18],

  ['Register.path', 'Device.X_ACME_Service.', true],
  ['Register.path', 'Device.X_ACME_Service.Param', true],
  ['Register.path', 'Device.X_ACME_Service.Do()', true],
  ['Register.path', 'Device.X_ACME_Service.Done!', true],
  ['Register.path', 'Device.WiFi.SSID.1.X_ACME_Thing.', false, 17],
  ['Register.path', 'Device.WiFi.SSID.*.', false, 17],
  ['Register.path', 'Device.WiFi.SSID.{i}.', false, 17],
  ['Deregister.paths', 'Device.X_ACME_Service.', true],
  ['Deregister.paths', 'Device.X.1.Ref+.', false, 14],

  ['agent-output', 'Device.WiFi.SSID.1.', true],
  ['agent-output', 'Device.LocalAgent.Controller.1.SendOnBoardRequest()', true],
  ['agent-output', 'Device.WiFi.SSID.1.Status', true],
  ['agent-output', 'Device.WiFi.SSID.*.', false, 17],
  ['agent-output', 'Device.LocalAgent.MTP.[Alias=="WS-MTP1"].', false, 22],
  ['agent-output', 'Device.Boot!', false, 11],
];

describe('parsePath with a message field (the path forms each field accepts)', () => {
  it.each(CASES)('%s: %s', (field, text, accepted, position) => {
    const result = parsePath(text, { field });
    expect(result.ok).toBe(accepted);
    if (!result.ok) {
      expect(result.error.position).toBe(position);
      expect(result.error.message).toContain(text);
    }
  });
});
