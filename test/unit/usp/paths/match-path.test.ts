import { describe, expect, it } from 'vitest';
import { matchesPath, parsePath } from '../../../../src/main/usp/paths';
import { EXPANSIONS } from './expansions';
import { HOME_GATEWAY, memoryView } from './memory-view';

const view = memoryView(HOME_GATEWAY);
const lookup = view.value;
const instances = (table: string) => view.instances(table);

/** Every concrete path in the model (parameters and the objects above them) plus every expected expansion. */
function universe(): string[] {
  const all = new Set<string>();
  for (const key of Object.keys(HOME_GATEWAY)) {
    all.add(key);
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) all.add(`${parts.slice(0, i).join('.')}.`);
  }
  for (const [, paths] of EXPANSIONS) for (const p of paths) all.add(p);
  return [...all];
}

const UNIVERSE = universe();

describe('matchesPath agrees with expandPath over every concrete path', () => {
  it.each(EXPANSIONS)('%s', (path, expected) => {
    const matched = UNIVERSE.filter((candidate) => matchesPath(path, candidate, lookup, { instances }));
    expect(matched.sort()).toEqual([...expected].sort());
  });
});

describe('matchesPath with values only (no instance lists)', () => {
  it.each([
    ['Device.WiFi.SSID.[Enable==true].', 'Device.WiFi.SSID.1.', true],
    ['Device.WiFi.SSID.[Enable==true].', 'Device.WiFi.SSID.2.', false],
    ['Device.WiFi.SSID.*.Status', 'Device.WiFi.SSID.7.Status', true],
    ['Device.WiFi.SSID.*.Status', 'Device.WiFi.SSID.7.', false],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.7.Status', false],
    ['Device.WiFi.SSID.2.Status', 'Device.WiFi.SSID.2.Status', true],
    ['Device.WiFi.SSID.2.Status', 'Device.WiFi.SSID.1.Status', false],
    ['Device.IP.Interface.*.Reset()', 'Device.IP.Interface.2.Reset()', true],
    ['Device.IP.Interface.*.Reset()', 'Device.IP.Interface.2.Reset', false],
    ['Device.LocalAgent.Periodic!', 'Device.LocalAgent.Periodic!', true],
    // reference following after a concrete prefix needs only values
    ['Device.NAT.PortMapping.1.Interface+.Name', 'Device.IP.Interface.2.Name', true],
    ['Device.NAT.PortMapping.1.Interface+.Name', 'Device.IP.Interface.1.Name', false],
    ['Device.WiFi.SSID.1.LowerLayers#*+.Name', 'Device.WiFi.Radio.2.Name', true],
    ['Device.WiFi.SSID.1.LowerLayers#1+.Name', 'Device.WiFi.Radio.2.Name', false],
    // a unique-key reference is checked where the concrete path passes through it
    ['Device.WiFi.AccessPoint.2.SSIDReference+.SSID', 'Device.WiFi.SSID.2.SSID', true],
    ['Device.WiFi.AccessPoint.2.SSIDReference+.SSID', 'Device.WiFi.SSID.1.SSID', false],
    // a wildcard before a followed reference needs instance lists
    ['Device.WiFi.SSID.*.LowerLayers#*+.Name', 'Device.WiFi.Radio.2.Name', false],
  ] as const)('%s vs %s → %s', (search, concrete, expected) => {
    expect(matchesPath(search, concrete, lookup)).toBe(expected);
  });
});

describe('matchesPath options and edge cases', () => {
  it('matches descendants of addressed objects when asked', () => {
    const search = 'Device.IP.Interface.[Type=="Normal"].';
    expect(matchesPath(search, 'Device.IP.Interface.1.IPv4Address.2.IPAddress', lookup)).toBe(false);
    expect(matchesPath(search, 'Device.IP.Interface.1.IPv4Address.2.IPAddress', lookup, { descendants: true })).toBe(true);
    expect(matchesPath(search, 'Device.IP.Interface.1.', lookup, { descendants: true })).toBe(true);
    expect(matchesPath(search, 'Device.IP.Interface.3.Name', lookup, { descendants: true })).toBe(false);
    expect(matchesPath('Device.IP.Interface.*.Name', 'Device.IP.Interface.1.Name.X', lookup, { descendants: true })).toBe(false);
  });

  it('treats {i} in a supported-model path as any instance number', () => {
    expect(matchesPath('Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.', 'Device.WiFi.AccessPoint.2.AssociatedDevice.1.', lookup)).toBe(true);
    expect(matchesPath('Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.', 'Device.WiFi.AccessPoint.2.', lookup)).toBe(false);
  });

  it('accepts an already parsed search path', () => {
    const parsed = parsePath('Device.WiFi.SSID.[SSID=="Guest"].');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(matchesPath(parsed.path, 'Device.WiFi.SSID.2.', lookup)).toBe(true);
  });

  it.each([
    ['Device.WiFi.SSID.[Enable==true', 'Device.WiFi.SSID.1.'],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.*.'],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.[Enable==true].'],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.1'],
    ['Device.WiFi.SSID.*.', ''],
  ])('matches nothing for unusable paths: %s vs %s', (search, concrete) => {
    expect(matchesPath(search, concrete, lookup)).toBe(false);
  });
});
