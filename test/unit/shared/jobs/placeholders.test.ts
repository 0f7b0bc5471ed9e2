import { describe, expect, it } from 'vitest';
import { expandPlaceholders, unknownPlaceholders } from '../../../../src/shared/jobs/placeholders';

const agent = { endpointId: 'os::0044FF-RG1-7', serial: 'SN7', model: 'RG-1', manufacturer: 'Acme', productClass: null, softwareVersion: '1.2' };

describe('placeholders', () => {
  it('expands per-agent values and keeps doubled braces literal', () => {
    expect(expandPlaceholders('lab-{serial}-{model} {{x}} {endpointId}', agent)).toEqual({ ok: true, value: 'lab-SN7-RG-1 {x} os::0044FF-RG1-7' });
    expect(expandPlaceholders('no placeholders', agent)).toEqual({ ok: true, value: 'no placeholders' });
  });

  it('refuses a placeholder the agent has no value for, and unknown names', () => {
    expect(expandPlaceholders('{productClass}', agent)).toEqual({ ok: false, message: 'placeholder {productClass} has no value for this agent' });
    expect(expandPlaceholders('{mac}', agent)).toMatchObject({ ok: false, message: expect.stringContaining('unknown placeholder {mac}') });
    expect(unknownPlaceholders('{serial}{mac}{{ip}}{}')).toEqual(['mac', '']);
  });
});
