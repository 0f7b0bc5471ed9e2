import { describe, expect, it } from 'vitest';
import { checkValue, nullValue } from '../../../src/main/sim/model/value-check';

describe('value checks (TR-106 lexical forms)', () => {
  it('canonicalises booleans and integers', () => {
    expect(checkValue({ name: 'b', base: 'boolean' }, '1')).toEqual({ ok: true, value: 'true' });
    expect(checkValue({ name: 'i', base: 'int' }, '+0123')).toEqual({ ok: true, value: '123' });
    expect(checkValue({ name: 'u', base: 'unsignedLong' }, '18446744073709551615')).toEqual({ ok: true, value: '18446744073709551615' });
  });

  it('refuses values of the wrong type with 7011', () => {
    expect(checkValue({ name: 'b', base: 'boolean' }, 'yes')).toMatchObject({ ok: false, code: 7011 });
    expect(checkValue({ name: 'u', base: 'unsignedInt' }, '-1')).toMatchObject({ ok: false, code: 7011 });
    expect(checkValue({ name: 'u', base: 'unsignedInt' }, '4294967296')).toMatchObject({ ok: false, code: 7011 });
    expect(checkValue({ name: 'd', base: 'dateTime' }, 'tomorrow')).toMatchObject({ ok: false, code: 7011 });
    expect(checkValue({ name: 'h', base: 'hexBinary' }, 'abc')).toMatchObject({ ok: false, code: 7011 });
  });

  it('refuses values outside enums, ranges, sizes and patterns with 7012', () => {
    expect(checkValue({ name: 'e', base: 'string', enum: ['TCP', 'UDP'] }, 'SCTP')).toMatchObject({ ok: false, code: 7012 });
    expect(checkValue({ name: 'r', base: 'int', ranges: [[-1, -1], [0, 24]] }, '25')).toMatchObject({ ok: false, code: 7012 });
    expect(checkValue({ name: 'r', base: 'int', ranges: [[-1, -1], [0, 24]] }, '-1')).toEqual({ ok: true, value: '-1' });
    expect(checkValue({ name: 's', base: 'string', maxLen: 4 }, 'longer')).toMatchObject({ ok: false, code: 7012 });
    expect(checkValue({ name: 'p', base: 'string', pattern: '\\d{4}|\\d{8}' }, '12345')).toMatchObject({ ok: false, code: 7012 });
    expect(checkValue({ name: 'm', type: 'MACAddress', base: 'string' }, '00:11:22')).toMatchObject({ ok: false, code: 7012 });
    expect(checkValue({ name: 'a', type: 'Alias', base: 'string' }, '1st')).toMatchObject({ ok: false, code: 7012 });
  });

  it('checks list items one by one, against a sibling list for "one of the values listed in X"', () => {
    const def = { name: 'OperatingStandards', base: 'string' as const, list: true, enumFrom: 'SupportedStandards' };
    const sibling = () => 'b,g,n,ax';
    expect(checkValue(def, 'g, n', sibling)).toEqual({ ok: true, value: 'g,n' });
    expect(checkValue(def, 'g,ac', sibling)).toMatchObject({ ok: false, code: 7012 });
  });

  it('gives each type its null value', () => {
    expect(nullValue({ name: 'x', base: 'dateTime' })).toBe('0001-01-01T00:00:00Z');
    expect(nullValue({ name: 'x', base: 'boolean' })).toBe('false');
    expect(nullValue({ name: 'x', base: 'unsignedInt', ranges: [[1, 65535]] })).toBe('1');
    expect(nullValue({ name: 'x', base: 'string' })).toBe('');
  });
});
