import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeJobFileIssues, jobFileSchema } from '../../../../src/shared/jobs/job-file';
import { jobFileJsonSchema } from '../../../../src/shared/jobs/job-file-json-schema';

const base = { name: 'channel 6', targets: { filter: 'model=="RG-1"' }, operation: { kind: 'set', params: { 'Device.WiFi.Radio.1.Channel': 6 } } };

function issues(input: unknown): string[] {
  const r = jobFileSchema.safeParse(input);
  return r.success ? [] : describeJobFileIssues(r.error);
}

describe('job file', () => {
  it('fills the documented defaults and stringifies values', () => {
    const job = jobFileSchema.parse(base);
    expect(job.operation).toEqual({ kind: 'set', params: { 'Device.WiFi.Radio.1.Channel': '6' } });
    expect(job.options).toEqual({ concurrency: 16, canary: 1, failureThreshold: 20, timeoutSeconds: 30, retries: 2, offlineTtlSeconds: 86_400, force: false });
  });

  it('accepts every operation kind', () => {
    const ops = [
      { kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'sub-{serial}', Enable: true } },
      { kind: 'delete', paths: ['Device.LocalAgent.Subscription.3.'] },
      { kind: 'operate', command: 'Device.Reboot()', async: false },
      { kind: 'subscribe', id: 'lab', notifType: 'ValueChange', paths: ['Device.WiFi.SSID.*.SSID'] },
      { kind: 'unsubscribe', id: 'lab' },
      { kind: 'get', paths: ['Device.DeviceInfo.SoftwareVersion'] },
      { kind: 'firmware', url: 'http://10.0.0.1/fw.bin', expectedVersion: '2.0' },
    ];
    for (const operation of ops) expect(issues({ ...base, operation })).toEqual([]);
  });

  it('says what is wrong and where', () => {
    expect(issues({ ...base, targets: { filter: 'modle=="x"' } })).toEqual([
      `targets.filter: modle=="x": unknown agent field "modle" at 0`,
    ]);
    expect(issues({ ...base, operation: { kind: 'set', params: { 'Device.WiFi.': 'x', 'Device.A.B': '{mac}' } } })).toEqual([
      'operation.params.Device.WiFi.: Device.WiFi.: a parameter path is needed here',
      'operation.params.Device.A.B: unknown placeholder {mac}',
    ]);
    expect(issues({ ...base, operation: { kind: 'set', params: {} } })).toEqual(['operation.params: at least one parameter']);
  });

  it('refuses paths outside "Device." in every operation, parameter paths of a Set included, with one message each', () => {
    expect(issues({ ...base, operation: { kind: 'set', params: { 'WiFi.SSID': 'x', 'Device.WiFi.SSID.1.SSID': 'y', 'device.X': 'z', 'Devices.X': 'w' } } })).toEqual([
      'operation.params.WiFi.SSID: WiFi.SSID: a path starts with "Device."',
      'operation.params.device.X: device.X: a path starts with "Device."',
      'operation.params.Devices.X: Devices.X: a path starts with "Device."',
    ]);
    expect(issues({ ...base, operation: { kind: 'set', params: { 'WiFi..SSID': 'x' } } })).toEqual([expect.stringMatching(/^operation\.params\.WiFi\.\.SSID: WiFi\.\.SSID: .* at 5$/)]);
    expect(issues({ ...base, operation: { kind: 'add', object: 'WiFi.SSID.', params: { 'Device.WiFi.SSID.1.Enable': 'true', Alias: 'a' } } })).toEqual([
      'operation.object: a path starts with "Device."',
      'operation.params.Device.WiFi.SSID.1.Enable: Device.WiFi.SSID.1.Enable: a parameter name relative to the new instance is needed here, not a full path',
    ]);
    expect(issues({ ...base, operation: { kind: 'delete', paths: ['WiFi.SSID.1.'] } })).toEqual(['operation.paths.0: a path starts with "Device."']);
    expect(issues({ ...base, operation: { kind: 'get', paths: ['Device.WiFi.SSID.1.SSID', 'WiFi.SSID.1.SSID'] } })).toEqual(['operation.paths.1: a path starts with "Device."']);
    expect(issues({ ...base, operation: { kind: 'subscribe', id: 's', notifType: 'Event', paths: ['Boot!'] } })).toEqual(['operation.paths.0: a path starts with "Device."']);
    expect(issues({ ...base, operation: { kind: 'operate', command: 'Reboot()' } })).toEqual(['operation.command: a path starts with "Device."']);
    expect(issues({ ...base, options: { concurrency: 0, colour: 'red' } })).toEqual([
      'options.concurrency: Too small: expected number to be >=1',
      'options: Unrecognized key: "colour"',
    ]);
    expect(issues({ ...base, operation: { kind: 'reboot' } })[0]).toMatch(/^operation.kind: /);
    expect(issues({ ...base, targets: { agents: [] } })[0]).toMatch(/^targets/);
  });
});

describe('job file JSON Schema', () => {
  it('resources/schemas/job-file.schema.json is generated from the zod schema (npx tsx scripts/gen-job-schema.ts)', () => {
    const file = join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'schemas', 'job-file.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(jobFileJsonSchema());
  });
});
