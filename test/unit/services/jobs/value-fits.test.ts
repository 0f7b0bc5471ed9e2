import { describe, expect, it } from 'vitest';
import { sameValue, valueMisfit } from '../../../../src/main/services/jobs/value-fits';

describe('value fits the parameter type', () => {
  it.each([
    ['boolean', 'true', null],
    ['boolean', '0', null],
    ['boolean', 'yes', '"yes" is not a boolean'],
    ['unsignedInt', '4294967295', null],
    ['unsignedInt', '4294967296', '4294967296 is outside the unsignedInt range'],
    ['unsignedInt', '-1', '-1 is outside the unsignedInt range'],
    ['int', '-2147483648', null],
    ['int', '1.5', '"1.5" is not an int'],
    ['long', '9223372036854775808', '9223372036854775808 is outside the long range'],
    ['decimal', '-1.25', null],
    ['decimal', '1e3', '"1e3" is not a decimal'],
    ['dateTime', '2026-12-06T10:00:00Z', null],
    ['dateTime', 'yesterday', '"yesterday" is not a dateTime'],
    ['hexBinary', '0aFF', null],
    ['hexBinary', 'abc', '"abc" is not hexBinary'],
    ['base64', 'QUJD', null],
    ['base64', 'QUJ', '"QUJ" is not base64'],
    ['string', 'anything at all', null],
  ] as const)('%s %s', (type, value, expected) => {
    expect(valueMisfit(type, value)).toBe(expected);
  });

  it('compares as values of the type, so an unchanged value is skipped', () => {
    expect(sameValue('boolean', '1', 'true')).toBe(true);
    expect(sameValue('boolean', '0', 'true')).toBe(false);
    expect(sameValue('unsignedInt', '06', '6')).toBe(true);
    expect(sameValue('decimal', '1.50', '1.5')).toBe(true);
    expect(sameValue('string', '06', '6')).toBe(false);
    expect(sameValue(undefined, 'a', 'a')).toBe(true);
  });
});
