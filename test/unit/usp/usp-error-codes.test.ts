import { describe, expect, it } from 'vitest';
import { USP_ERROR_CODES, describeUspError } from '../../../src/shared/usp-error-codes';

describe('USP error-code table', () => {
  it('has every message code 7000-7031 and record code 7100-7106 exactly once, in order', () => {
    const codes = USP_ERROR_CODES.map((c) => c.code);
    const expected = [...Array.from({ length: 32 }, (_, i) => 7000 + i), ...Array.from({ length: 7 }, (_, i) => 7100 + i)];
    expect(codes).toEqual(expected);
    for (const info of USP_ERROR_CODES) {
      expect(info.name.length).toBeGreaterThan(3);
      expect(info.explanation.length).toBeGreaterThan(20);
    }
  });

  it('names codes as the spec does', () => {
    expect(describeUspError(7026)).toMatchObject({ code: 7026, name: 'Invalid path', source: 'spec' });
    expect(describeUspError(7004).name).toBe('Invalid arguments');
    expect(describeUspError(7025).name).toBe('Object exists with duplicate key');
    expect(describeUspError(7106)).toMatchObject({ name: 'Session Context not allowed', source: 'record' });
  });

  it('falls back to the meaning of the range', () => {
    expect(describeUspError(7150)).toMatchObject({ code: 7150, source: 'record' });
    expect(describeUspError(7201)).toMatchObject({ code: 7201, name: 'Data model error', source: 'data-model' });
    expect(describeUspError(7800)).toMatchObject({ name: 'Vendor-specific error', source: 'vendor' });
    expect(describeUspError(7999).source).toBe('vendor');
    expect(describeUspError(7032)).toMatchObject({ name: 'Reserved error code', source: 'unknown' });
    expect(describeUspError(0)).toMatchObject({ name: 'Unknown error code', source: 'unknown' });
    expect(describeUspError(8000).source).toBe('unknown');
  });
});
