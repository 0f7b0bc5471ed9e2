import { describe, expect, it } from 'vitest';
import type { JobStep } from '../../../src/shared/jobs/job-model';
import { firmwareFailureWords, firmwareOutcome, outcomeCounts } from '../../../src/renderer/features/jobs/firmware-outcomes';

const SV = 'Device.DeviceInfo.SoftwareVersion';

function step(endpointId: string, patch: Partial<JobStep>): JobStep {
  return {
    jobId: 'j1', endpointId, seq: 0, state: 'queued', phase: 'idle', attempts: 1, errorCode: null, errorMessage: null, plan: null, expected: null,
    before: null, after: null, nextAt: null, expiresAt: null, queuedAt: 0, startedAt: null, finishedAt: null, ...patch,
  };
}

const STEPS: JobStep[] = [
  step('a1', { state: 'succeeded', after: { [SV]: '3.3.0', 'Device.Boot!.Cause': 'RemoteReboot', 'Device.Boot!.FirmwareUpdated': 'true' } }),
  step('a2', { state: 'failed', errorCode: 'download-failed', errorMessage: 'download failed (7022, simulated download failure (fault injection))' }),
  step('a3', { state: 'failed', errorCode: 'old-image', errorMessage: 'rebooted into the old image (version 3.2.1)' }),
  step('a4', { state: 'failed', errorCode: 'no-boot', errorMessage: 'no Boot! within 3 s of Activate()' }),
  step('a5', { state: 'failed', errorCode: 'activation-failed', errorMessage: 'activation failed (7022, activating Device.DeviceInfo.FirmwareImage.2 failed)' }),
  step('a6', { state: 'skipped', after: { [SV]: '3.3.0' } }),
  step('a7', { state: 'failed', errorCode: 'timeout', errorMessage: 'no response to m-1 within 2000 ms' }),
  step('a8', { state: 'expired', errorCode: 'offline', errorMessage: 'the agent stayed offline for 60 s' }),
  step('a9', { state: 'failed', errorCode: '7004', errorMessage: 'Download(): not supported' }),
  step('a10', { state: 'succeeded', after: { [SV]: '3.3.0' } }),
];

describe('firmware outcomes in words', () => {
  it('says per agent how its update ended', () => {
    expect(STEPS.map(firmwareOutcome)).toEqual([
      'updated to 3.3.0',
      'download failed (7022, simulated download failure (fault injection))',
      'rebooted into the old image (version 3.2.1)',
      'no Boot! within 3 s of Activate()',
      'activation failed (7022, activating Device.DeviceInfo.FirmwareImage.2 failed)',
      'already on 3.3.0',
      'no answer in time: no response to m-1 within 2000 ms',
      'agent stayed offline: the agent stayed offline for 60 s',
      'error 7004: Download(): not supported',
      'updated to 3.3.0',
    ]);
  });

  it('says where a running step is, from the progress it stores', () => {
    expect(firmwareOutcome(step('a', { state: 'running', after: { stage: 'download', image: 'Device.DeviceInfo.FirmwareImage.2.', commandKey: 'k' } }))).toBe('downloading into Device.DeviceInfo.FirmwareImage.2');
    expect(firmwareOutcome(step('a', { state: 'running', after: { stage: 'activate', image: 'Device.DeviceInfo.FirmwareImage.2.', commandKey: 'k' } }))).toBe('activating Device.DeviceInfo.FirmwareImage.2, waiting for Boot!');
    expect(firmwareOutcome(step('a', { state: 'running' }))).toBe('reading the agent’s firmware');
    expect(firmwareOutcome(step('a', { state: 'waiting-offline' }))).toBe('waiting for the agent to connect');
    expect(firmwareOutcome(step('a', { state: 'queued' }))).toBe('queued');
  });

  it('counts finished steps by outcome, most first', () => {
    expect(outcomeCounts([...STEPS, step('q', { state: 'queued' })]).map((o) => [o.outcome, o.count])).toEqual([
      ['updated to 3.3.0', 2],
      ['activation failed', 1],
      ['agent stayed offline', 1],
      ['already on 3.3.0', 1],
      ['download failed', 1],
      ['error 7004', 1],
      ['no answer in time', 1],
      ['no Boot!', 1],
      ['rebooted into the old image', 1],
    ]);
    expect(firmwareFailureWords('no-boot')).toBe('no Boot!');
  });
});
