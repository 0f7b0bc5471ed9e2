import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../src/shared/jobs/filter-expression';

describe('parseFilter', () => {
  it('parses agent fields and cached parameters joined by &&', () => {
    const r = parseFilter('model=="RG-1" && tag=="lab" && Device.WiFi.Radio.1.Channel==6');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.conditions.map((c) => [c.subject, c.operator, c.value.text, c.value.quoted, c.position])).toEqual([
      [{ type: 'field', field: 'model' }, '==', 'RG-1', true, 0],
      [{ type: 'field', field: 'tag' }, '==', 'lab', true, 17],
      [{ type: 'parameter', path: 'Device.WiFi.Radio.1.Channel' }, '==', '6', false, 31],
    ]);
  });

  it('accepts every search-expression operator and percent-decodes string constants', () => {
    const r = parseFilter('Device.X.Y>=3&&Device.X.Z<1.5&&serial!="a%22b"&&Device.X.L~="x"&&Device.X.T<2024-01-01T00:00:00Z');
    expect(r.ok && r.conditions.map((c) => c.operator)).toEqual(['>=', '<', '!=', '~=', '<']);
    expect(r.ok && r.conditions[2]!.value.text).toBe('a"b');
  });

  it.each([
    ['modle=="x"', 0, 'unknown agent field "modle"'],
    ['model="x"', 5, '"=" is not an operator (use "==")'],
    ['model=="x" || serial=="y"', 11, 'filters have no OR, only &&'],
    ['model=="x" && ', 14, 'path ends too early'],
    ['model=="x', 7, 'unterminated string literal'],
    ['model > "a"', 8, '">" cannot compare strings (write numbers and dateTimes unquoted)'],
    ['status==', 8, 'path ends too early'],
    ['Device.Time.CurrentLocalTime<0001-01-01T00:00:00Z', 29, '"<" cannot compare the Unknown Time'],
    ['InternetGatewayDevice.X==1', 0, 'a parameter path starts with "Device."'],
    ['Device.WiFi.Radio.01.Channel==6', 18, 'an instance number must be a positive number without leading zeros'],
    ['Device.WiFi.==6', 0, 'a filter compares a parameter, not an object, command or event'],
    ['model=="x" serial=="y"', 11, 'unexpected "s"'],
  ])('%s fails at %i: %s', (text, position, reason) => {
    const r = parseFilter(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.position).toBe(position);
    expect(r.error.reason).toBe(reason);
    expect(r.error.message).toBe(`${text}: ${reason} at ${position}`);
  });
});
