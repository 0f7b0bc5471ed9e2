import { describe, expect, it } from 'vitest';
import { jobFileSchema } from '../../../src/shared/jobs/job-file';
import { describeTargets, newDraft, requiredConfirmation, toJobFile } from '../../../src/renderer/features/jobs/job-draft';

const SSID = 'Device.WiFi.SSID.1.SSID';

describe('the wizard draft', () => {
  it('becomes a job file the shared schema accepts, blank rows dropped and no rate limit when 0', () => {
    const d = { ...newDraft({ agents: ['proto::a'] }), params: [{ key: ` ${SSID} `, value: 'lab-{serial}' }, { key: '', value: 'x' }] };
    const file = toJobFile(d);
    expect(file).toEqual({
      name: `set ${SSID}`,
      targets: { agents: ['proto::a'] },
      operation: { kind: 'set', params: { [SSID]: 'lab-{serial}' } },
      options: { concurrency: 16, canary: 1, failureThreshold: 20, force: false },
    });
    expect(jobFileSchema.safeParse(file).success).toBe(true);
  });

  it('sends paths one per line, the rate when set and the start time as an ISO instant', () => {
    const d = { ...newDraft({ filter: 'tag=="lab"' }), name: 'report', kind: 'get' as const, paths: 'Device.DeviceInfo.SoftwareVersion\n\n  Device.DeviceInfo.ModelName  \n' };
    const file = toJobFile({ ...d, options: { ...d.options, ratePerSecond: 2.5, startAt: '2030-01-02T03:04' } });
    expect(file.operation).toEqual({ kind: 'get', paths: ['Device.DeviceInfo.SoftwareVersion', 'Device.DeviceInfo.ModelName'] });
    expect(file.options).toMatchObject({ ratePerSecond: 2.5, startAt: new Date('2030-01-02T03:04').toISOString() });
    expect(jobFileSchema.safeParse(file).success).toBe(true);
    expect(toJobFile({ ...d, options: { ...d.options, startAt: 'garbage' } }).options).not.toHaveProperty('startAt');
  });

  it('asks for typed confirmation for delete and FactoryReset() only', () => {
    const d = newDraft({ group: 'lab' });
    expect(requiredConfirmation(d)).toBeNull();
    expect(requiredConfirmation({ ...d, kind: 'delete' })).toBe('delete');
    expect(requiredConfirmation({ ...d, kind: 'operate', command: 'Device.FactoryReset()' })).toBe('factory reset');
    expect(requiredConfirmation({ ...d, kind: 'operate', command: 'Device.Reboot()' })).toBeNull();
    expect(requiredConfirmation({ ...d, kind: 'operate', command: 'Device.X.NotFactoryReset()' })).toBeNull();
  });

  it('describes the targets for people', () => {
    expect(describeTargets({ agents: ['a'] })).toBe('1 selected agent');
    expect(describeTargets({ agents: ['a', 'b'] })).toBe('2 selected agents');
    expect(describeTargets({ filter: 'model=="X"' })).toBe('filter model=="X"');
    expect(describeTargets({ group: 'lab' })).toBe('group lab');
  });
});
