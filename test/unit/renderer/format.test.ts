import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../../src/shared/console-api';
import { explainError, explainUspCode, formatAge } from '../../../src/renderer/lib/format';

describe('explainError', () => {
  it('puts the parameter\'s own reason first, then every per-parameter error, then the code\'s explanation', () => {
    const v = explainError({
      code: 'usp-error', message: 'Required parameter failed', uspErrCode: 7021,
      paramErrors: [{ path: 'Device.WiFi.SSID.1.SSID', errCode: 7012, errMsg: 'longer than 32 characters' }],
    });
    expect(v.title).toBe('longer than 32 characters');
    const lines = v.message.split('\n');
    expect(lines[0]).toBe('Device.WiFi.SSID.1.SSID: longer than 32 characters (Invalid value, 7012)');
    expect(lines[1]).toMatch(/^Required parameter failed \(7021\): /);
  });

  it('explains a USP error code in plain language, then the agent text, when no parameter says more', () => {
    const v = explainError({ code: 'usp-error', message: 'Channel out of range', uspErrCode: 7012 });
    expect(v.title).toBe('Invalid value (7012)');
    const lines = v.message.split('\n');
    expect(lines[0]).toMatch(/right type but is not allowed/);
    expect(lines[1]).toBe('Channel out of range');
  });

  it('titles non-USP failures by category, for class instances, plain data and anything thrown', () => {
    expect(explainError(new ConsoleApiError({ code: 'agent-offline', message: 'proto::a is offline' }))).toEqual({ title: 'Agent offline', message: 'proto::a is offline' });
    expect(explainError({ code: 'timeout', message: 'No answer in 30 s' }).title).toBe('No answer in time');
    expect(explainError(new Error('boom'))).toEqual({ title: 'Something went wrong', message: 'boom' });
  });

  it('explains per-path codes found inside results, with range fallbacks', () => {
    expect(explainUspCode(7026, 'no such path')).toMatch(/^Invalid path \(7026\): .* — no such path$/);
    expect(explainUspCode(7850, '')).toMatch(/^Vendor-specific error \(7850\): /);
  });
});

describe('formatAge', () => {
  it('uses the largest sensible unit', () => {
    expect(formatAge(-5)).toBe('0 s');
    expect(formatAge(59_999)).toBe('59 s');
    expect(formatAge(60_000)).toBe('1 min');
    expect(formatAge(3 * 3600_000)).toBe('3 h');
    expect(formatAge(50 * 3600_000)).toBe('2 d');
  });
});
