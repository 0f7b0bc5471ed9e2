import { describe, expect, it } from 'vitest';
import { formatPath, isValidPath, parsePath, type PathKind } from '../../../../src/main/usp/paths';

// [path, kind, isSearchPath, hasReferenceFollowing]: every valid example of the path grammar
// (the spec's own examples).
const VALID: [string, PathKind, boolean, boolean][] = [
  // kinds of path
  ['Device.DeviceInfo.', 'object', false, false],
  ['Device.WiFi.SSID.', 'object', false, false],
  ['Device.WiFi.SSID.1.', 'object', false, false],
  ['Device.LocalAgent.', 'object', false, false],
  ['Device.DeviceInfo.SoftwareVersion', 'parameter', false, false],
  ['Device.Reboot()', 'command', false, false],
  ['Device.IP.Interface.[Name=="eth0"].Reset()', 'command', true, false],
  ['Device.Boot!', 'event', false, false],
  ['Device.LocalAgent.Periodic!', 'event', false, false],
  ['Device.IP.Interface.*.Status', 'parameter', true, false],
  ['Device.WiFi.AccessPoint.1.AssociatedDevice.', 'object', false, false],
  // instance identifiers
  ['Device.IP.Interface.3.', 'object', false, false],
  ['Device.IP.Interface.[Name=="eth0"].', 'object', true, false],
  ['Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"].', 'object', true, false],
  ['Device.IP.Interface.[Type=="Normal"].Status', 'parameter', true, false],
  ['Device.IP.Interface.*.Type', 'parameter', true, false],
  ['Device.IP.Interface.[Name=="eth0"].IPv4Address.[Status=="Enabled"].IPAddress', 'parameter', true, false],
  // search expressions
  ['Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType=="Static"].IPAddress', 'parameter', true, false],
  ['Device.DSL.Line.[Enable==true].CurrentProfile', 'parameter', true, false],
  ['Device.DSL.Line.[Enable==1].CurrentProfile', 'parameter', true, false],
  ['Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress', 'parameter', true, false],
  ['Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].', 'object', true, false],
  ['Device.PCP.Client.*.Server.[Capabilities~="IPv6Firewall"].', 'object', true, false],
  ['Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].', 'object', true, false],
  ['Device.WiFi.SSID.[SSID=="HomeNetwork"&&BSSID=="00:11:22:33:44:55"].', 'object', true, false],
  // reference following
  ['Device.NAT.PortMapping.1.Interface+.Name', 'parameter', false, true],
  ['Device.WiFi.SSID.1.LowerLayers#1+.Name', 'parameter', false, true],
  ['Device.WiFi.SSID.1.LowerLayers#*+.Name', 'parameter', true, true],
  [
    'Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].AssociatedDevice.[OperatingStandard=="ac"].SignalStrength',
    'parameter',
    true,
    true,
  ],
  // paths used in message examples
  ['Device.WiFi.SSID.*.Status', 'parameter', true, false],
  ['Device.LocalAgent.MTP.[Alias=="WS-MTP1"].', 'object', true, false],
  ['Device.LocalAgent.Controller.[EndpointID=="controller-temp"].', 'object', true, false],
  ['Device.LocalAgent.Controller.31185.', 'object', false, false],
  ['Device.LocalAgent.Controller.[EndpointID=="controller"].SendOnBoardRequest()', 'command', true, false],
  ['Device.LocalAgent.Controller.1.SendOnBoardRequest()', 'command', false, false],
  ['Device.LocalAgent.Controller.[EndpointID=="proto::ctrl"].', 'object', true, false],
  ['Device.WiFi.AccessPoint.*.AC.', 'object', true, false],
  ['Device.DeviceInfo.FirmwareImage.*.Download()', 'command', true, false],
  ['Device.SelfTestDiagnostics()', 'command', false, false],
  // every operator, and every reference-following form, also inside expressions
  ['Device.X.[A==1&&B!=2&&C~=3&&D<4&&E>5&&F<=6&&G>=7].', 'object', true, false],
  ['Device.X.[A!="x"].', 'object', true, false],
  ['Device.X.[Ref#2+.Name=="a"].', 'object', true, true],
  ['Device.X.[Refs#*+.Name=="a"].', 'object', true, true],
  ['Device.X.[Ref+.Sub.Ref2#3+.Name=="a"].', 'object', true, true],
  ['Device.X.1.Ref+.', 'object', false, true],
  ['Device.X.1.Ref#2+.Sub.Table.4.Name', 'parameter', false, true],
  ['Device.X.1.Ref+.Do()', 'command', false, true],
  ['Device.X.1.Ref+.Happened!', 'event', false, true],
  // TR-106 vendor extension names, escapes and other constants
  ['Device.X_EXAMPLE-COM_Thing.Value', 'parameter', false, false],
  ['Device.X.[Name=="a%22b%25c"].', 'object', true, false],
  ['Device.X.[Name=="a.b]&&c"].Value', 'parameter', true, false],
  ['Device.X.[Value>-5&&Ratio<=1.5&&Hex==0aFF].', 'object', true, false],
  ['Device.X.[Blob==aGVsbG8=].', 'object', true, false],
];

describe('parsePath: valid paths', () => {
  it.each(VALID)('%s', (text, kind, isSearchPath, hasReferenceFollowing) => {
    const result = parsePath(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.path.kind).toBe(kind);
    expect(result.path.isSearchPath).toBe(isSearchPath);
    expect(result.path.hasReferenceFollowing).toBe(hasReferenceFollowing);
    expect(result.path.isSupportedPath).toBe(false);
    expect(formatPath(result.path)).toBe(text);
    expect(isValidPath(text)).toBe(true);
    expect(isValidPath(text, kind)).toBe(true);
    expect(isValidPath(text, kind === 'object' ? 'parameter' : 'object')).toBe(false);
  });
});

describe('parsePath: supported-model paths', () => {
  it.each([
    'Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.',
    'Device.WiFi.AccessPoint.{i}.AssociatedDevice.',
    'Device.WiFi.SSID.{i}.SSID',
    'Device.WiFi.AccessPoint.1.AssociatedDevice.{i}.',
  ])('%s', (text) => {
    const result = parsePath(text, { allowSupportedInstances: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.path.isSupportedPath).toBe(true);
    expect(result.path.isSearchPath).toBe(false);
    expect(formatPath(result.path)).toBe(text);
  });
});

describe('parsePath: whitespace around operators', () => {
  it('is tolerated around operators and && (R-ARC.9a) and never formatted (R-ARC.9b)', () => {
    const result = parsePath('Device.IP.Interface.[Name == "eth0" && Stats.ErrorsSent >\t0].Status');
    if (!result.ok) throw new Error(result.error.message);
    expect(formatPath(result.path)).toBe('Device.IP.Interface.[Name=="eth0"&&Stats.ErrorsSent>0].Status');
  });

  it('is refused with allowWhitespace: false, at the first space', () => {
    const result = parsePath('Device.IP.Interface.[Name == "eth0"].', { allowWhitespace: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.position).toBe(25);
  });
});

describe('formatPath: canonical literals', () => {
  it('re-encodes string constants with %22 and %25 and drops other escapes', () => {
    const result = parsePath('Device.X.[Name=="%41%20100%"].');
    if (!result.ok) throw new Error(result.error.message);
    expect(formatPath(result.path)).toBe('Device.X.[Name=="A 100%25"].');
  });
});
