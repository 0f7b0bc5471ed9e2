import { describe, expect, it } from 'vitest';
import { builtinSchema, createHomeGatewayModel } from '../../../src/main/sim/model/builtin-model';

describe('built-in home-gateway model', () => {
  it('serves the tr181-subset seed values and fills sub-objects the seed leaves out', () => {
    const model = createHomeGatewayModel();
    expect(model.get('Device.DeviceInfo.ModelName')).toBe('HGW-5400AX');
    expect(model.get('Device.WiFi.SSID.2.SSID')).toBe('Acme-7F10');
    expect(model.instances('Device.WiFi.SSID.')).toEqual([1, 2, 3, 4]);
    expect(model.exists('Device.IP.Diagnostics.')).toBe(true);
    expect(model.get('Device.IP.Diagnostics.IPv4PingSupported')).toBe('true');
    expect(model.exists('Device.LocalAgent.')).toBe(true);
    expect(model.children('Device.WiFi.AccessPoint.1.')).toEqual([
      'Device.WiFi.AccessPoint.1.AssociatedDevice.1.',
      'Device.WiFi.AccessPoint.1.Security.',
      'Device.WiFi.AccessPoint.1.WPS.',
    ]);
  });

  it('has the commands and events the simulator implements', () => {
    const schema = builtinSchema();
    expect(schema.node('Device.')?.commands.has('Reboot()')).toBe(true);
    expect(schema.node('Device.')?.events.has('Boot!')).toBe(true);
    expect(schema.node('Device.IP.Diagnostics.')?.commands.get('IPPing()')?.async).toBe(true);
    expect(schema.node('Device.LocalAgent.')?.events.has('Periodic!')).toBe(true);
  });

  it('keeps two agents on one seed apart (copy-on-write)', () => {
    const a = createHomeGatewayModel();
    const b = createHomeGatewayModel();
    a.setValue('Device.DeviceInfo.', 'FriendlyName', 'A');
    a.createInstance('Device.NAT.PortMapping.', { Protocol: 'TCP', ExternalPort: '80' });
    expect(b.get('Device.DeviceInfo.FriendlyName')).toBe('Living room gateway');
    expect(b.instances('Device.NAT.PortMapping.')).toEqual([1, 2]);
    expect(a.instances('Device.NAT.PortMapping.')).toEqual([1, 2, 3]);
    expect(a.get('Device.NAT.PortMappingNumberOfEntries')).toBe('3');
    expect(a.get('Device.NAT.PortMapping.3.Enable')).toBe('false');
  });

  it('grows to 100,000 parameters on request', () => {
    const base = createHomeGatewayModel().parameterCount();
    const big = createHomeGatewayModel({ extraParameters: 100_000 });
    expect(big.parameterCount()).toBeGreaterThanOrEqual(base + 100_000);
    expect(big.get('Device.Hosts.Host.6.HostName')).toBe('sim-host-1');
  });
});
