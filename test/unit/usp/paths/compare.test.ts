import { describe, expect, it } from 'vitest';
import { compareValue, parsePath, type SearchCondition } from '../../../../src/main/usp/paths';

function condition(operator: string, constant: string): SearchCondition {
  const result = parsePath(`Device.X.[A${operator}${constant}].`);
  if (!result.ok) throw new Error(result.error.message);
  const segment = result.path.segments[2];
  if (segment?.type !== 'search' || !segment.conditions[0]) throw new Error('no condition');
  return segment.conditions[0];
}

// [current value, operator, constant as written, holds]
const CASES: [string, string, string, boolean][] = [
  // strings: quoted, exact, percent-decoded
  ['Normal', '==', '"Normal"', true],
  ['normal', '==', '"Normal"', false],
  ['Normal', '!=', '"Normal"', false],
  ['Loopback', '!=', '"Normal"', true],
  ['', '==', '""', true],
  ['say "hi" 100%', '==', '"say %22hi%22 100%25"', true],
  ['00:11:22:33:44:55', '==', '"00:11:22:33:44:55"', true],
  ['123', '==', '"0123"', false],
  // numbers: typed comparison (123, +123, 0123 are equal)
  ['123', '==', '123', true],
  ['123', '==', '+123', true],
  ['123', '==', '0123', true],
  ['-5', '==', '-5', true],
  ['1.50', '==', '1.5', true],
  ['124', '==', '123', false],
  ['124', '!=', '123', true],
  // booleans: 1 == true
  ['true', '==', 'true', true],
  ['true', '==', '1', true],
  ['1', '==', 'true', true],
  ['false', '==', '0', true],
  ['0', '==', 'false', true],
  ['false', '==', 'true', false],
  ['false', '!=', 'true', true],
  ['true', '!=', '1', false],
  // dateTime: instants, whatever the zone notation
  ['2021-06-06T08:00:00Z', '==', '2021-06-06T10:00:00+02:00', true],
  ['2021-06-06T08:00:00.000Z', '==', '2021-06-06T08:00:00Z', true],
  // hexBinary: case-insensitive
  ['0a', '==', '0A', true],
  ['08', '==', '08', true],
  ['0a', '==', '0b', false],
  // unquoted non-numeric constant: exact text
  ['aGVsbG8=', '==', 'aGVsbG8=', true],
  // ~= list contains element
  ['IPv6Firewall,NAT', '~=', '"IPv6Firewall"', true],
  ['IPv6Firewall, NAT', '~=', '"NAT"', true],
  ['IPv6Firewall,NAT', '~=', '"IPv6"', false],
  ['', '~=', '""', false],
  ['5,10,15', '~=', '5', true],
  ['05, 10', '~=', '5', true],
  ['50,10', '~=', '5', false],
  // ordering: numbers
  ['3', '>', '0', true],
  ['0', '>', '0', false],
  ['0', '>=', '0', true],
  ['-1', '<', '0', true],
  ['-1', '<=', '-1', true],
  ['10', '<', '9', false],
  ['1.5', '<', '2', true],
  ['abc', '<', '5', false],
  ['', '>', '-5', false],
  // ordering: dateTime
  ['2021-06-01T00:00:00Z', '<', '2021-06-06T08:00:00Z', true],
  ['9999-12-31T23:59:59Z', '<', '2021-06-06T08:00:00Z', false],
  ['2021-06-06T08:00:00Z', '<=', '2021-06-06T08:00:00Z', true],
  ['2021-06-06T09:00:00+02:00', '<', '2021-06-06T08:00:00Z', true],
  ['2021-06-06T08:00:00.5Z', '>', '2021-06-06T08:00:00Z', true],
  // the Unknown Time (0001-01-01T00:00:00Z) is not ordered
  ['0001-01-01T00:00:00Z', '<', '2021-06-06T08:00:00Z', false],
  ['0001-01-01T00:00:00Z', '>=', '2021-06-06T08:00:00Z', false],
  // invalid calendar dates are not dateTimes
  ['2021-02-30T00:00:00Z', '<', '2021-06-06T08:00:00Z', false],
];

describe('compareValue (search-expression operators)', () => {
  it.each(CASES)('%j %s %s → %s', (actual, operator, constant, holds) => {
    const c = condition(operator, constant);
    expect(compareValue(actual, c.operator, c.value)).toBe(holds);
  });
});
