import { describe, expect, it } from 'vitest';
import { normaliseValue, validateValue } from '../../../src/renderer/features/tree/value-validators';

describe('validateValue', () => {
  it('boolean accepts true/false/1/0 only', () => {
    for (const v of ['true', 'false', '1', '0']) expect(validateValue(v, 'boolean')).toBeNull();
    expect(validateValue('yes', 'boolean')).toMatch(/true or false/);
    expect(validateValue('TRUE', 'boolean')).not.toBeNull();
  });

  it('integer types check syntax and their 32/64-bit ranges', () => {
    expect(validateValue('-2147483648', 'int')).toBeNull();
    expect(validateValue('2147483648', 'int')).toMatch(/Out of range/);
    expect(validateValue('-1', 'unsignedInt')).toMatch(/whole number/);
    expect(validateValue('4294967295', 'unsignedInt')).toBeNull();
    expect(validateValue('4294967296', 'unsignedInt')).toMatch(/Out of range/);
    expect(validateValue('-5000000000', 'long')).toBeNull();
    expect(validateValue('18446744073709551615', 'unsignedLong')).toBeNull();
    expect(validateValue('18446744073709551616', 'unsignedLong')).toMatch(/Out of range/);
    expect(validateValue('1.5', 'int')).toMatch(/whole number/);
    expect(validateValue('', 'int')).not.toBeNull();
  });

  it('dateTime needs the TR-106 form and a real date', () => {
    expect(validateValue('2025-11-25T13:05:12Z', 'dateTime')).toBeNull();
    expect(validateValue('2008-04-09T15:01:05.123456+01:00', 'dateTime')).toBeNull();
    expect(validateValue('0001-01-01T00:00:00Z', 'dateTime')).toBeNull();
    expect(validateValue('2025-02-30T00:00:00Z', 'dateTime')).not.toBeNull();
    expect(validateValue('25/11/2025', 'dateTime')).toMatch(/date and time/);
  });

  it('string lengths count characters; hexBinary and base64 sizes count bytes', () => {
    expect(validateValue('abcd', 'string', { maxLength: 4 })).toBeNull();
    expect(validateValue('abcde', 'string', { maxLength: 4 })).toMatch(/at most 4 characters/);
    expect(validateValue('', 'string', { minLength: 1 })).toMatch(/at least 1/);
    expect(validateValue('0a1b2c', 'hexBinary', { maxLength: 3 })).toBeNull();
    expect(validateValue('0a1b2c3d', 'hexBinary', { maxLength: 3 })).toMatch(/at most 3 bytes/);
    expect(validateValue('0a1', 'hexBinary')).toMatch(/two per byte/);
    expect(validateValue('SGVsbG8=', 'base64', { maxLength: 5 })).toBeNull();
    expect(validateValue('SGVsbG8=', 'base64', { maxLength: 4 })).toMatch(/bytes/);
    expect(validateValue('SGVsbG8', 'base64')).toMatch(/base64/);
  });

  it('enumerations, ranges and lists', () => {
    const standards = { enumeration: ['a', 'b', 'g', 'n', 'ac', 'ax'], list: true };
    expect(validateValue('g,n,ax', 'string', standards)).toBeNull();
    expect(validateValue('g, n', 'string', standards)).toBeNull();
    expect(validateValue('g,zz', 'string', standards)).toMatch(/Item "zz": Must be one of/);
    expect(validateValue('', 'string', standards)).toBeNull();
    expect(validateValue('Up', 'string', { enumeration: ['Up', 'Down'] })).toBeNull();
    expect(validateValue('up', 'string', { enumeration: ['Up', 'Down'] })).not.toBeNull();
    const channel = { ranges: [{ min: '1', max: '13' }, { min: '36', max: '165' }] };
    expect(validateValue('6', 'unsignedInt', channel)).toBeNull();
    expect(validateValue('40', 'unsignedInt', channel)).toBeNull();
    expect(validateValue('20', 'unsignedInt', channel)).toMatch(/1\.\.13 or 36\.\.165/);
  });

  it('normalises booleans to true/false', () => {
    expect(normaliseValue('1', 'boolean')).toBe('true');
    expect(normaliseValue('0', 'boolean')).toBe('false');
    expect(normaliseValue('1', 'int')).toBe('1');
  });
});
