import { describe, expect, it } from 'vitest';
import { jobFileSchema } from '../../../src/shared/jobs/job-file';
import { describeTargets, draftIssues, newDraft, requiredConfirmation, toJobFile, type JobDraft } from '../../../src/renderer/features/jobs/job-draft';

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

  it('turns the firmware form into the operation, leaving empty optional fields out', () => {
    const d = newDraft({ agents: ['proto::a'] });
    const firmware: JobDraft = { ...d, kind: 'firmware', firmware: { ...d.firmware, url: ' http://fw.example.net/hgw-3.3.0.img ', expectedVersion: '3.3.0' } };
    expect(toJobFile(firmware)).toMatchObject({
      name: 'firmware 3.3.0',
      operation: { kind: 'firmware', url: 'http://fw.example.net/hgw-3.3.0.img', expectedVersion: '3.3.0', downloadTimeoutSeconds: 1800, bootTimeoutSeconds: 600 },
    });
    expect(Object.keys(toJobFile(firmware).operation).sort()).toEqual(['bootTimeoutSeconds', 'downloadTimeoutSeconds', 'expectedVersion', 'kind', 'url']);
    expect(draftIssues(firmware)).toEqual({});

    const full: JobDraft = {
      ...firmware,
      firmware: {
        ...firmware.firmware,
        username: 'fw', password: 's3cret', fileSize: 4600, checkSumAlgorithm: 'SHA-256', checkSum: ' 9f86d0 ',
        downloadTimeoutSeconds: 60, bootTimeoutSeconds: 120,
        windowEnabled: true, windowStart: 10, windowEnd: 7200, windowMode: 'ConfirmationNeeded', windowUserMessage: 'Update tonight',
      },
    };
    expect(toJobFile(full).operation).toEqual({
      kind: 'firmware', url: 'http://fw.example.net/hgw-3.3.0.img', username: 'fw', password: 's3cret', fileSize: 4600,
      checkSumAlgorithm: 'SHA-256', checkSum: '9f86d0', expectedVersion: '3.3.0', downloadTimeoutSeconds: 60, bootTimeoutSeconds: 120,
      activateWindow: { start: 10, end: 7200, mode: 'ConfirmationNeeded', userMessage: 'Update tonight' },
    });
    expect(jobFileSchema.safeParse(toJobFile(full)).success).toBe(true);
    // The message goes only with ConfirmationNeeded.
    expect(toJobFile({ ...full, firmware: { ...full.firmware, windowMode: 'WhenIdle' } }).operation).toMatchObject({ activateWindow: { start: 10, end: 7200, mode: 'WhenIdle' } });
    expect(toJobFile({ ...full, firmware: { ...full.firmware, windowMode: 'WhenIdle' } }).operation).not.toHaveProperty('activateWindow.userMessage');
  });

  it('names what the shared schema refuses by the path of the field', () => {
    const d = newDraft({ agents: ['proto::a'] });
    const bad: JobDraft = {
      ...d,
      kind: 'firmware',
      firmware: { ...d.firmware, url: 'file:///etc/passwd', expectedVersion: '', downloadTimeoutSeconds: 0, bootTimeoutSeconds: '', windowEnabled: true, windowStart: 600, windowEnd: 60 },
    };
    const issues = draftIssues(bad);
    expect(Object.keys(issues).sort()).toEqual(['operation.activateWindow.end', 'operation.downloadTimeoutSeconds', 'operation.expectedVersion', 'operation.url']);
    expect(issues['operation.activateWindow.end']).toBe('end must not be before start');
    // An empty window start is named, not taken as 0.
    expect(Object.keys(draftIssues({ ...bad, firmware: { ...bad.firmware, url: 'http://x.example/a-1.0.img', expectedVersion: '1.0', downloadTimeoutSeconds: 5, windowStart: '' } }))).toEqual(['operation.activateWindow.start']);
    expect(draftIssues({ ...d, params: [{ key: '', value: 'x' }] })).toEqual({ 'operation.params': 'at least one parameter' });
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
