import type { InstanceView } from '../../../../src/main/usp/paths';

/** An InstanceView over a flat map of full parameter paths to values (tables are inferred from the keys). */
export function memoryView(values: Record<string, string>): InstanceView {
  return {
    instances(tablePath) {
      const numbers = new Set<number>();
      for (const key of Object.keys(values)) {
        if (!key.startsWith(tablePath)) continue;
        const match = /^([0-9]+)\./.exec(key.slice(tablePath.length));
        if (match) numbers.add(Number(match[1]));
      }
      return [...numbers].sort((a, b) => a - b);
    },
    value: (paramPath) => values[paramPath],
  };
}

export const HOME_GATEWAY: Record<string, string> = {
  'Device.DeviceInfo.SoftwareVersion': '1.0',
  'Device.WiFi.Radio.1.Name': 'wl0',
  'Device.WiFi.Radio.1.Channel': '6',
  'Device.WiFi.Radio.2.Name': 'wl1',
  'Device.WiFi.Radio.2.Channel': '36',
  'Device.WiFi.SSID.1.SSID': 'HomeNetwork',
  'Device.WiFi.SSID.1.Enable': 'true',
  'Device.WiFi.SSID.1.BSSID': '00:11:22:33:44:55',
  'Device.WiFi.SSID.1.Status': 'Up',
  'Device.WiFi.SSID.1.LowerLayers': 'Device.WiFi.Radio.1,Device.WiFi.Radio.2',
  'Device.WiFi.SSID.1.Stats.ErrorsSent': '0',
  'Device.WiFi.SSID.2.SSID': 'Guest',
  'Device.WiFi.SSID.2.Enable': '0',
  'Device.WiFi.SSID.2.BSSID': '00:11:22:33:44:66',
  'Device.WiFi.SSID.2.Status': 'Down',
  'Device.WiFi.SSID.2.LowerLayers': 'Device.WiFi.Radio.2',
  'Device.WiFi.SSID.2.Stats.ErrorsSent': '12',
  'Device.WiFi.SSID.3.SSID': 'say "hi" 100%',
  'Device.WiFi.SSID.3.Enable': 'false',
  'Device.WiFi.SSID.3.Status': 'Down',
  'Device.WiFi.SSID.3.LowerLayers': '',
  'Device.WiFi.AccessPoint.1.SSIDReference': 'Device.WiFi.SSID.1',
  'Device.WiFi.AccessPoint.1.AssociatedDevice.1.OperatingStandard': 'ac',
  'Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength': '-40',
  'Device.WiFi.AccessPoint.1.AssociatedDevice.2.OperatingStandard': 'n',
  'Device.WiFi.AccessPoint.1.AssociatedDevice.2.SignalStrength': '-70',
  // A reference written in unique-key form (agents accept it, R-ARC.11).
  'Device.WiFi.AccessPoint.2.SSIDReference': 'Device.WiFi.SSID.[SSID=="Guest"]',
  'Device.WiFi.AccessPoint.2.AssociatedDevice.1.OperatingStandard': 'ac',
  'Device.WiFi.AccessPoint.2.AssociatedDevice.1.SignalStrength': '-55',
  // A cleared reference.
  'Device.WiFi.AccessPoint.3.SSIDReference': '',
  'Device.IP.Interface.1.Name': 'eth0',
  'Device.IP.Interface.1.Type': 'Normal',
  'Device.IP.Interface.1.Status': 'Up',
  'Device.IP.Interface.1.LowerLayers': 'Device.Ethernet.Interface.1',
  'Device.IP.Interface.1.Stats.ErrorsSent': '0',
  'Device.IP.Interface.1.IPv4Address.1.AddressingType': 'Static',
  'Device.IP.Interface.1.IPv4Address.1.IPAddress': '192.168.1.1',
  'Device.IP.Interface.1.IPv4Address.1.Status': 'Enabled',
  'Device.IP.Interface.1.IPv4Address.2.AddressingType': 'DHCP',
  'Device.IP.Interface.1.IPv4Address.2.IPAddress': '10.0.0.5',
  'Device.IP.Interface.1.IPv4Address.2.Status': 'Enabled',
  'Device.IP.Interface.1.IPv6Address.1.ValidLifetime': '2021-06-01T00:00:00Z',
  'Device.IP.Interface.1.IPv6Address.1.IPAddress': 'fe80::1',
  'Device.IP.Interface.1.IPv6Address.2.ValidLifetime': '9999-12-31T23:59:59Z',
  'Device.IP.Interface.1.IPv6Address.2.IPAddress': '2001:db8::1',
  'Device.IP.Interface.2.Name': 'wan',
  'Device.IP.Interface.2.Type': 'Normal',
  'Device.IP.Interface.2.Status': 'Up',
  'Device.IP.Interface.2.LowerLayers': 'Device.Ethernet.Interface.2',
  'Device.IP.Interface.2.Stats.ErrorsSent': '3',
  'Device.IP.Interface.2.IPv4Address.1.AddressingType': 'Static',
  'Device.IP.Interface.2.IPv4Address.1.IPAddress': '203.0.113.7',
  'Device.IP.Interface.3.Name': 'lo',
  'Device.IP.Interface.3.Type': 'Loopback',
  'Device.IP.Interface.3.Status': 'Up',
  'Device.IP.Interface.3.Stats.ErrorsSent': '0',
  'Device.IP.Interface.5.Name': 'vlan5',
  'Device.IP.Interface.5.Type': 'Tunnel',
  'Device.IP.Interface.5.IPv6Address.1.ValidLifetime': '0001-01-01T00:00:00Z',
  'Device.IP.Interface.5.IPv6Address.1.IPAddress': '2001:db8::5',
  'Device.Ethernet.Interface.1.Name': 'eth0-phy',
  'Device.Ethernet.Interface.1.Enable': '1',
  'Device.Ethernet.Interface.2.Name': 'eth1-phy',
  'Device.Ethernet.Interface.2.Enable': 'false',
  'Device.NAT.PortMapping.1.Interface': 'Device.IP.Interface.2',
  'Device.NAT.PortMapping.1.RemoteHost': '',
  'Device.NAT.PortMapping.1.ExternalPort': '8080',
  'Device.NAT.PortMapping.1.Protocol': 'TCP',
  // A reference read back with a trailing dot (the spec's own examples do both).
  'Device.NAT.PortMapping.2.Interface': 'Device.IP.Interface.2.',
  'Device.NAT.PortMapping.2.RemoteHost': '',
  'Device.NAT.PortMapping.2.ExternalPort': '0',
  'Device.NAT.PortMapping.2.Protocol': 'UDP',
  // A weak reference to an instance that no longer exists (R-ARC.12).
  'Device.NAT.PortMapping.3.Interface': 'Device.IP.Interface.9',
  'Device.NAT.PortMapping.3.RemoteHost': '',
  'Device.NAT.PortMapping.3.ExternalPort': '0',
  'Device.NAT.PortMapping.3.Protocol': 'TCP',
  'Device.PeriodicStatistics.SampleSet.1.SampleSeconds': '5,10,15',
  'Device.PeriodicStatistics.SampleSet.2.SampleSeconds': '10, 20',
  'Device.PCP.Client.1.Server.1.Capabilities': 'IPv6Firewall,NAT',
  'Device.PCP.Client.1.Server.2.Capabilities': 'NAT',
  'Device.USB.USBHosts.Host.1.Device.1.DeviceClass': '08',
  'Device.USB.USBHosts.Host.1.Device.2.DeviceClass': '0A',
  'Device.LocalAgent.MTP.5156.Alias': 'WS-MTP1',
  'Device.LocalAgent.MTP.7.Alias': 'MQTT-MTP1',
  'Device.LocalAgent.Controller.1.EndpointID': 'proto::controller',
  'Device.LocalAgent.Controller.31185.EndpointID': 'controller-temp',
};
