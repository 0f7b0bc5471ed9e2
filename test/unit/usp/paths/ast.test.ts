import { describe, expect, it } from 'vitest';
import { parsePath, type ParsedPath } from '../../../../src/main/usp/paths';

function parse(text: string): ParsedPath {
  const result = parsePath(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.path;
}

describe('ParsedPath AST', () => {
  it('has names, instance numbers, wildcards and positions', () => {
    expect(parse('Device.WiFi.SSID.2.Stats.*.X').segments).toEqual([
      { type: 'name', name: 'Device', position: 0 },
      { type: 'name', name: 'WiFi', position: 7 },
      { type: 'name', name: 'SSID', position: 12 },
      { type: 'instance', number: 2, position: 17 },
      { type: 'name', name: 'Stats', position: 19 },
      { type: 'wildcard', position: 25 },
      { type: 'name', name: 'X', position: 27 },
    ]);
  });

  it('keeps the command and event name without its suffix', () => {
    expect(parse('Device.Reboot()').segments[1]).toEqual({ type: 'name', name: 'Reboot', position: 7 });
    expect(parse('Device.Boot!').segments[1]).toEqual({ type: 'name', name: 'Boot', position: 7 });
  });

  it('has search conditions with relative paths, operators and typed constants', () => {
    const path = parse('Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].Status');
    expect(path.segments[3]).toEqual({
      type: 'search',
      position: 20,
      conditions: [
        {
          position: 21,
          operator: '==',
          path: { segments: [{ type: 'name', name: 'Type', position: 21 }] },
          value: { quoted: true, text: 'Normal', raw: '"Normal"', position: 27 },
        },
        {
          position: 37,
          operator: '>',
          path: {
            segments: [
              { type: 'name', name: 'Stats', position: 37 },
              { type: 'name', name: 'ErrorsSent', position: 43 },
            ],
          },
          value: { quoted: false, text: '0', raw: '0', position: 54 },
        },
      ],
    });
  });

  it('percent-decodes string constants and keeps the raw form', () => {
    const segment = parse('Device.X.[Name=="say %22hi%22 100%25"].').segments[2];
    expect(segment?.type === 'search' && segment.conditions[0]?.value).toEqual({
      quoted: true,
      text: 'say "hi" 100%',
      raw: '"say %22hi%22 100%25"',
      position: 16,
    });
  });

  it.each([
    ['Device.NAT.PortMapping.1.Interface+.Name', { index: null }],
    ['Device.WiFi.SSID.1.LowerLayers#1+.Name', { index: 1 }],
    ['Device.WiFi.SSID.1.LowerLayers#12+.Name', { index: 12 }],
    ['Device.WiFi.SSID.1.LowerLayers#*+.Name', { index: '*' }],
  ])('records reference following in %s', (text, reference) => {
    const path = parse(text);
    const follower = path.segments.find((s) => s.type === 'name' && s.reference);
    expect(follower).toMatchObject({ type: 'name', reference });
  });

  it('records reference following inside expressions', () => {
    const segment = parse('Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].').segments[3];
    expect(segment?.type === 'search' && segment.conditions[0]?.path.segments).toEqual([
      { type: 'name', name: 'SSIDReference', position: 25, reference: { index: null } },
      { type: 'name', name: 'SSID', position: 40 },
    ]);
  });

  it('marks {i} segments in supported-model paths', () => {
    const result = parsePath('Device.WiFi.AccessPoint.{i}.AssociatedDevice.', { allowSupportedInstances: true });
    expect(result.ok && result.path.segments[3]).toEqual({ type: 'supported-instance', position: 24 });
  });
});
