import { describe, expect, it } from 'vitest';
import { isValidPath, parsePath } from '../../../../src/main/usp/paths';

// [path, position of the offending character, words the reason contains, words `expected` contains]
const INVALID: [string, number, string, string][] = [
  // the spec's invalid search-expression examples
  ['Device.IP.Interface.[].', 21, 'empty search expression', 'parameter name'],
  [
    'Device.IP.Interface.[Type=="Normal"&&IPv4Address.*.AddressingType=="Static"].Status',
    49,
    'must not enter a child table',
    'parameter name',
  ],
  ['Device.IP.Interface.[Type=="Normal"&&IPv4Address.1.AddressingType=="Static"].', 49, 'child table', 'parameter name'],
  ['Device.IP.Interface.{Type=="Normal"}.Status', 20, 'curly braces', 'instance number'],
  ['Device.WiFi.SSID.{i}.', 17, 'curly braces', 'instance number'],
  // unterminated things point at where they start
  ['Device.WiFi.SSID.[Enable==true.Name', 17, 'unterminated search expression', '"]"'],
  ['Device.WiFi.SSID.[SSID=="Home', 24, 'unterminated string literal', '"'],
  ['Device.WiFi.SSID.[SSID', 17, 'unterminated search expression', '"]"'],
  ['Device.WiFi.SSID.[SSID==', 17, 'unterminated search expression', '"]"'],
  ['Device.WiFi.SSID.[SSID=="a"&&', 17, 'unterminated search expression', '"]"'],
  // operators and values
  ['Device.X.[Enable=true].', 16, '"=" is not an operator', '=='],
  ['Device.X.[Enable=<1].', 16, '"=" is not an operator', '=='],
  ['Device.X.[Enable?1].', 16, 'unexpected "?"', '~='],
  ['Device.X.[Enable==].', 18, 'unexpected "]"', 'quoted string'],
  ['Device.X.[Name==eth 0].', 20, 'unexpected "0"', '"&&" or "]"'],
  ['Device.X.[A==1||B==2].', 14, 'no OR', '&&'],
  ['Device.X.[A==1&B==2].', 14, 'unexpected "&"', '&&'],
  ['Device.X.[A==1]]', 15, 'unexpected "]"', '"."'],
  ['Device.X.[A<"1"].', 12, 'cannot compare strings', 'unquoted number or dateTime'],
  ['Device.X.[A>=true].', 13, 'numbers and dateTimes only', 'unquoted number or dateTime'],
  ['Device.X.[A<=0001-01-01T00:00:00Z].', 13, 'Unknown Time', 'known dateTime'],
  ['Device.X.[A>abc].', 12, 'numbers and dateTimes only', 'number or dateTime'],
  ['Device.X.[ A==1].', 10, 'unexpected a space', 'parameter name'],
  ['Device.X.[1A==1].', 10, 'cannot start with a digit', 'parameter name'],
  // reference following
  ['Device.X.[Ref+=="a"].', 14, 'unexpected "="', 'referenced object'],
  ['Device.X.1.Ref#0+.Name', 15, 'positive number', 'list index'],
  ['Device.X.1.Ref#+.Name', 15, 'unexpected "+"', 'list index'],
  ['Device.X.1.Ref#2.Name', 16, 'unexpected "."', '"+"'],
  ['Device.X.1.Ref#*.Name', 16, 'unexpected "."', '"+"'],
  ['Device.X.1.Ref+Name', 15, 'unexpected "N"', '"." after reference following'],
  ['Device.X.1.Ref+', 15, 'ends too early', '"." after reference following'],
  ['Device.X.1.Ref+.2.', 16, 'no instance identifier can follow', 'a name'],
  ['Device.X.1.Ref+.*.', 16, 'no instance identifier can follow', 'a name'],
  // structure
  ['', 0, 'empty path', 'Device'],
  ['Device', 0, 'needs its object path first', '"."'],
  ['Reboot()', 0, 'needs its object path first', '"."'],
  ['.Device.', 0, 'unexpected "."', 'a name'],
  ['Device..', 7, 'unexpected "."', 'a name'],
  ['Device.IP.Interface.0.', 20, 'positive number', 'instance number'],
  ['Device.IP.Interface.01.', 20, 'without leading zeros', 'instance number'],
  ['Device.IP.Interface.99999999999999999999.', 20, 'too large', 'instance number'],
  ['Device.IP.Interface.1', 21, 'ends with "."', '"."'],
  ['Device.IP.Interface.1Name', 21, 'unexpected "N"', '"." after the instance identifier'],
  ['Device.IP.Interface.1.2.', 22, 'cannot start with a digit', 'a name'],
  ['Device.IP.Interface.*.*.', 22, 'unexpected "*"', 'a name'],
  ['1.Device.', 0, 'cannot start with a digit', 'a name'],
  ['Device.Reboot(1)', 14, 'unexpected "1"', '")"'],
  ['Device.Reboot().', 15, 'unexpected "."', 'end of the path'],
  ['Device.Boot!.', 12, 'unexpected "."', 'end of the path'],
  ['Device. DeviceInfo.', 7, 'unexpected a space', 'a name'],
  ['Device.Device Info.', 13, 'unexpected a space', '"."'],
  ['Device.WiFi/SSID.', 11, 'unexpected "/"', '"."'],
  ['Device.$.', 7, 'unexpected "$"', 'a name'],
];

describe('parsePath: invalid paths name the offending position', () => {
  it.each(INVALID)('%s', (text, position, reason, expected) => {
    const result = parsePath(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.position).toBe(position);
    expect(result.error.reason).toContain(reason);
    expect(result.error.expected).toContain(expected);
    expect(result.error.text).toBe(text);
    expect(result.error.message).toBe(`${text}: ${result.error.reason} at ${position}`);
    expect(isValidPath(text)).toBe(false);
  });

  it('gives the brief\'s example message verbatim', () => {
    const result = parsePath('Device.WiFi.SSID.[Enable==true.Name');
    expect(result.ok ? '' : result.error.message).toBe(
      'Device.WiFi.SSID.[Enable==true.Name: unterminated search expression at 17',
    );
  });
});

describe('parsePath: supported-model grammar', () => {
  it.each([
    ['Device.WiFi.AccessPoint.{i}.AssociatedDevice.1.', 45, 'cannot follow {i}'],
    ['Device.WiFi.AccessPoint.{j}.', 24, 'only {i}'],
    ['Device.WiFi.AccessPoint.{i}', 27, 'ends with "."'],
  ])('%s', (text, position, reason) => {
    const result = parsePath(text, { allowSupportedInstances: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.position).toBe(position);
    expect(result.error.reason).toContain(reason);
  });
});

describe('parsePath: reference following can be switched off', () => {
  it.each([
    ['Device.X.1.Ref+.Name', 14],
    ['Device.X.1.Ref#1+.Name', 14],
    ['Device.X.[Ref+.Name=="a"].', 13],
  ])('%s', (text, position) => {
    const result = parsePath(text, { allowReferences: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.position).toBe(position);
  });
});

describe('parsePath: non-string input', () => {
  it('returns an error instead of throwing', () => {
    const result = parsePath(42 as unknown as string);
    expect(result.ok).toBe(false);
  });
});
