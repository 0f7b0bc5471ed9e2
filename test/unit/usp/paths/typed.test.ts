import { describe, expect, it } from 'vitest';
import {
  checkSearchTypes,
  compareTyped,
  expandPath,
  matchesPath,
  parsePath,
  type ParamValueType,
  type ParsedPath,
  type SearchCondition,
  type TypeLookup,
} from '../../../../src/main/usp/paths';
import { HOME_GATEWAY, memoryView } from './memory-view';

const TYPES: Record<string, ParamValueType> = {
  'Device.DSL.Line.{i}.Enable': { base: 'boolean' },
  'Device.DSL.Line.{i}.CurrentProfile': { base: 'string' },
  'Device.IP.Interface.{i}.Name': { base: 'string' },
  'Device.IP.Interface.{i}.Type': { base: 'string' },
  'Device.IP.Interface.{i}.Status': { base: 'string' },
  'Device.IP.Interface.{i}.LowerLayers': { base: 'string', list: true },
  'Device.IP.Interface.{i}.Stats.ErrorsSent': { base: 'unsignedInt' },
  'Device.IP.Interface.{i}.IPv4Address.{i}.AddressingType': { base: 'string' },
  'Device.IP.Interface.{i}.IPv6Address.{i}.ValidLifetime': { base: 'dateTime' },
  'Device.USB.USBHosts.Host.{i}.Device.{i}.DeviceClass': { base: 'hexBinary' },
  'Device.PCP.Client.{i}.Server.{i}.Capabilities': { base: 'string', list: true },
  'Device.PeriodicStatistics.SampleSet.{i}.SampleSeconds': { base: 'unsignedInt', list: true },
  'Device.WiFi.SSID.{i}.Enable': { base: 'boolean' },
  'Device.WiFi.SSID.{i}.SSID': { base: 'string' },
  'Device.WiFi.SSID.{i}.Stats.ErrorsSent': { base: 'unsignedInt' },
  'Device.X.{i}.Temperature': { base: 'int' },
  'Device.X.{i}.Ratio': { base: 'decimal' },
  'Device.X.{i}.Blob': { base: 'base64' },
  'Device.X.{i}.Code': { base: 'string' },
};
const typeOf: TypeLookup = (path) => TYPES[path];

function parse(text: string): ParsedPath {
  const result = parsePath(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.path;
}

describe('checkSearchTypes (search-expression rules that need the data model)', () => {
  it.each([
    'Device.DSL.Line.[Enable==true].CurrentProfile',
    'Device.DSL.Line.[Enable==1].CurrentProfile',
    'Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType=="Static"].IPAddress',
    'Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress',
    'Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].',
    'Device.PCP.Client.*.Server.[Capabilities~="IPv6Firewall"].',
    'Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].',
    'Device.IP.Interface.[LowerLayers=="Device.Ethernet.Interface.1"].',
    'Device.X.[Temperature>=-5&&Ratio<1.5&&Blob==aGVsbG8=].',
    'Device.WiFi.AccessPoint.[SSIDReference+.SSID==123].',
    'Device.NAT.PortMapping.1.Interface+.IPv4Address.[Anything==1].',
  ])('accepts %s', (text) => {
    expect(checkSearchTypes(parse(text), typeOf)).toBeUndefined();
  });

  it.each([
    // the spec's own invalid example: a quoted boolean
    ['Device.DSL.Line.[Enable=="true"].CurrentProfile', 25, 'write the constant unquoted'],
    ['Device.DSL.Line.[Enable==yes].CurrentProfile', 25, 'not a valid boolean'],
    ['Device.DSL.Line.[Enable<1].CurrentProfile', 17, 'only == and != apply'],
    ['Device.IP.Interface.[Name==eth0].', 27, 'quote the constant'],
    ['Device.IP.Interface.[Name~="eth0"].', 21, '~= needs a list parameter'],
    ['Device.IP.Interface.[Stats.ErrorsSent==-1].', 39, 'not a valid unsignedInt'],
    ['Device.IP.Interface.[Stats.ErrorsSent==1.5].', 39, 'not a valid unsignedInt'],
    ['Device.IP.Interface.[Stats.ErrorsSent=="1"].', 39, 'write the constant unquoted'],
    ['Device.IP.Interface.[Stats.Missing==1].', 21, 'not a parameter in the supported data model'],
    ['Device.IP.Interface.[LowerLayers<5].', 21, 'cannot be ordered'],
    ['Device.PeriodicStatistics.SampleSet.[SampleSeconds~="5"].', 52, 'write the constant unquoted'],
    ['Device.USB.USBHosts.Host.*.Device.[DeviceClass==0].', 48, 'not a valid hexBinary'],
    ['Device.USB.USBHosts.Host.*.Device.[DeviceClass>08].', 35, 'only == and != apply'],
    ['Device.X.[Blob==a*b].', 17, 'unexpected'],
    ['Device.IP.Interface.*.IPv6Address.[ValidLifetime==2021-13-01T00:00:00Z].', 50, 'not a valid dateTime'],
  ])('refuses %s at %i', (text, position, reason) => {
    const result = parsePath(text);
    const error = result.ok ? checkSearchTypes(result.path, typeOf, text) : result.error;
    expect(error?.position).toBe(position);
    expect(error?.reason).toContain(reason);
    expect(error?.message).toContain(text);
  });
});

function condition(operator: string, constant: string): SearchCondition {
  const segment = parse(`Device.X.[A${operator}${constant}].`).segments[2];
  if (segment?.type !== 'search' || !segment.conditions[0]) throw new Error('no condition');
  return segment.conditions[0];
}

// [value, type, operator, constant, holds]
const TYPED: [string, ParamValueType, string, string, boolean][] = [
  ['true', { base: 'boolean' }, '==', '1', true],
  ['0', { base: 'boolean' }, '!=', 'true', true],
  ['maybe', { base: 'boolean' }, '!=', 'true', false],
  ['0123', { base: 'unsignedInt' }, '==', '123', true],
  ['+7', { base: 'int' }, '<', '8', true],
  ['x', { base: 'int' }, '!=', '8', false],
  ['2.50', { base: 'decimal' }, '>=', '2.5', true],
  // a string parameter holding digits compares as text
  ['0123', { base: 'string' }, '==', '"123"', false],
  ['123', { base: 'string' }, '==', '"123"', true],
  ['b', { base: 'string' }, '!=', '"a"', true],
  ['2021-06-06T08:00:00Z', { base: 'dateTime' }, '<', '2021-06-07T00:00:00Z', true],
  ['0001-01-01T00:00:00Z', { base: 'dateTime' }, '<', '2021-06-07T00:00:00Z', false],
  ['0001-01-01T00:00:00Z', { base: 'dateTime' }, '==', '0001-01-01T00:00:00Z', true],
  ['0a', { base: 'hexBinary' }, '==', '0A', true],
  ['aGVsbG8=', { base: 'base64' }, '==', 'aGVsbG8=', true],
  ['05,10', { base: 'unsignedInt', list: true }, '~=', '5', true],
  ['IPv6Firewall, NAT', { base: 'string', list: true }, '~=', '"NAT"', true],
  ['IPv6Firewall,NAT', { base: 'string', list: true }, '==', '"IPv6Firewall,NAT"', true],
  ['IPv6Firewall,NAT', { base: 'string', list: true }, '!=', '"NAT"', true],
  ['5', { base: 'unsignedInt', list: true }, '<', '6', false],
  ['5', { base: 'unsignedInt' }, '~=', '5', false],
];

describe('compareTyped', () => {
  it.each(TYPED)('%j (%j) %s %s → %s', (actual, type, operator, constant, holds) => {
    const c = condition(operator, constant);
    expect(compareTyped(actual, c.operator, c.value, type)).toBe(holds);
  });
});

describe('expandPath and matchesPath use the types when given', () => {
  // A string parameter whose values look like numbers: untyped, 08 == 8; typed, they differ.
  const values = { ...HOME_GATEWAY, 'Device.X.1.Code': '08', 'Device.X.2.Code': '8' };
  const untyped = memoryView(values);
  const typed = { ...untyped, typeOf };

  it('expandPath', () => {
    expect(expandPath('Device.X.[Code==8].', untyped)).toEqual({ ok: true, paths: ['Device.X.1.', 'Device.X.2.'] });
    expect(expandPath('Device.X.[Code=="8"].', typed)).toEqual({ ok: true, paths: ['Device.X.2.'] });
  });

  it('matchesPath', () => {
    expect(matchesPath('Device.X.[Code=="8"].', 'Device.X.1.', untyped.value, { typeOf })).toBe(false);
    expect(matchesPath('Device.X.[Code=="8"].', 'Device.X.2.', untyped.value, { typeOf })).toBe(true);
    expect(matchesPath('Device.X.[Code==8].', 'Device.X.1.', untyped.value)).toBe(true);
  });
});
