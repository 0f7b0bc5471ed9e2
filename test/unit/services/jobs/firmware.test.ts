import { describe, expect, it } from 'vitest';
import { StepFailure } from '../../../../src/main/services/jobs/agent-port';
import { firmwareState, inactiveImage, rebootOutcome, transferFailure, downloadedImageProblem } from '../../../../src/main/services/jobs/firmware-outcome';
import { runFirmware, type FirmwareStepContext } from '../../../../src/main/services/jobs/firmware-step';
import { firmwareOperationSchema } from '../../../../src/shared/jobs/job-file';
import type { JobStep, PathValues } from '../../../../src/shared/jobs/job-model';
import { ScriptedAgents } from './scripted-agents';

const FW = 'Device.DeviceInfo.FirmwareImage.';
const AGENT = 'proto::gw';

function deviceValues(over: PathValues = {}): PathValues {
  return {
    'Device.DeviceInfo.SoftwareVersion': '1.0',
    'Device.DeviceInfo.ActiveFirmwareImage': `${FW}1`,
    [`${FW}1.Version`]: '1.0',
    [`${FW}1.Status`]: 'Active',
    [`${FW}1.Available`]: 'true',
    [`${FW}1.BootFailureLog`]: '',
    [`${FW}2.Version`]: '0.9',
    [`${FW}2.Status`]: 'Available',
    [`${FW}2.Available`]: 'true',
    [`${FW}2.BootFailureLog`]: '',
    ...over,
  };
}

describe('firmware outcomes', () => {
  const state = firmwareState(deviceValues());

  it('reads the image table and picks the image that is not running', () => {
    expect(state.active).toBe(`${FW}1.`);
    expect(state.images.map((i) => [i.path, i.version, i.status, i.available])).toEqual([
      [`${FW}1.`, '1.0', 'Active', true],
      [`${FW}2.`, '0.9', 'Available', true],
    ]);
    expect(inactiveImage(state)?.path).toBe(`${FW}2.`);
    expect(inactiveImage(firmwareState(deviceValues({ 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}2.` })))?.path).toBe(`${FW}1.`);
    expect(inactiveImage(firmwareState({ 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}1`, [`${FW}1.Version`]: '1.0' }))).toBeNull();
  });

  it('reads TransferComplete! and a failed OperationComplete as download outcomes', () => {
    const event = (params: PathValues) => ({ kind: 'event' as const, objPath: 'Device.LocalAgent.', eventName: 'TransferComplete!', params });
    expect(transferFailure(event({ FaultCode: '0' }))).toBeNull();
    expect(transferFailure(event({ FaultCode: '7022', FaultString: 'HTTP 404' }))).toMatchObject({ code: 'download-failed', message: 'download failed (7022, HTTP 404)' });
    expect(transferFailure(event({ FaultCode: '7003' }))?.message).toBe('download failed (7003, no reason given)');
    const failed = { kind: 'oper_complete' as const, objPath: `${FW}2.`, commandName: 'Download()', commandKey: 'k', result: { ok: false as const, errCode: 7022, errMsg: 'no space' } };
    expect(transferFailure(failed)?.message).toBe('download failed (7022, no space)');
  });

  it('checks the downloaded image carries the expected version', () => {
    const image = { path: `${FW}2.`, version: '2.0', status: 'Available', available: true, bootFailureLog: '' };
    expect(downloadedImageProblem(image, '2.0')).toBeNull();
    expect(downloadedImageProblem({ ...image, version: '1.9' }, '2.0')).toMatchObject({ code: 'firmware', message: 'the downloaded image reports version 1.9, not 2.0' });
    expect(downloadedImageProblem({ ...image, status: 'ValidationFailed' }, '2.0')).toMatchObject({ code: 'download-failed', message: `download failed (status, ${FW}2 is ValidationFailed after the transfer)` });
    expect(downloadedImageProblem(undefined, '2.0')?.code).toBe('firmware');
  });

  it('judges a reboot: updated, the old image, the wrong version, or (without a Boot!) undecided', () => {
    const after = (over: PathValues) => firmwareState(deviceValues(over));
    const target = `${FW}2.`;
    expect(rebootOutcome(after({ 'Device.DeviceInfo.SoftwareVersion': '2.0', 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}2` }), target, '2.0', '', true)).toEqual({ ok: true });
    expect(rebootOutcome(after({}), target, '2.0', '', true)).toMatchObject({ code: 'old-image', message: 'rebooted into the old image (version 1.0)' });
    expect(rebootOutcome(after({ [`${FW}2.BootFailureLog`]: 'kernel panic' }), target, '2.0', '', false)).toMatchObject({ code: 'old-image', message: 'rebooted into the old image (version 1.0): kernel panic' });
    expect(rebootOutcome(after({ [`${FW}2.BootFailureLog`]: 'old news' }), target, '2.0', 'old news', false)).toBeNull();
    expect(rebootOutcome(after({}), target, '2.0', '', false)).toBeNull();
    expect(rebootOutcome(after({ 'Device.DeviceInfo.SoftwareVersion': '1.5', 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}2` }), target, '2.0', '', false)).toMatchObject({
      code: 'firmware',
      message: `booted ${FW}2 but it reports version 1.5, not 2.0`,
    });
  });
});

describe('the firmware step', () => {
  const op = firmwareOperationSchema.parse({ kind: 'firmware', url: 'https://fw.example.net/gw-2.0.img', expectedVersion: '2.0', bootTimeoutSeconds: 1, downloadTimeoutSeconds: 1 });

  /** One agent that downloads, activates and reboots as told; `progress` records what the step persisted. */
  function setup(step: Partial<JobStep> = {}, values: PathValues = deviceValues(), behaviour: { reboot?: boolean } = {}) {
    const agents = new ScriptedAgents().agent(AGENT, values);
    const sent: string[] = [];
    const progress: (PathValues | null)[] = [];
    agents.onStartOperate = (id, command, _args, key) => {
      sent.push(command);
      const v = agents.values.get(id)!;
      setImmediate(() => {
        if (command.endsWith('Download()')) {
          Object.assign(v, { [`${FW}2.Version`]: '2.0', [`${FW}2.Status`]: 'Available' });
          agents.events.push(id, { kind: 'event', objPath: 'Device.LocalAgent.', eventName: 'TransferComplete!', params: { CommandKey: key, FaultCode: '0' } });
        } else if (behaviour.reboot !== false) {
          Object.assign(v, { 'Device.DeviceInfo.SoftwareVersion': '2.0', 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}2` });
          agents.events.push(id, { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: { Cause: 'RemoteReboot', FirmwareUpdated: 'true', CommandKey: key } });
        }
      });
    };
    const full: JobStep = {
      jobId: 'j', endpointId: AGENT, seq: 0, state: 'running', phase: 'idle', attempts: 1, errorCode: null, errorMessage: null,
      plan: null, expected: null, before: null, after: null, nextAt: null, expiresAt: null, queuedAt: 0, startedAt: 0, finishedAt: null, ...step,
    };
    const ctx: FirmwareStepContext = {
      op, step: full, port: agents, timeoutMs: 1000, now: Date.now,
      markSent: () => undefined,
      saveProgress: (p) => progress.push(p),
      newCommandKey: () => `key-${sent.length + 1}`,
    };
    return { agents, sent, progress, ctx };
  }

  it('downloads into the inactive image, activates it and reports the new version, subscribing first', async () => {
    const { agents, sent, progress, ctx } = setup();
    const result = await runFirmware(ctx);
    expect(result).toMatchObject({ state: 'succeeded', after: { 'Device.DeviceInfo.SoftwareVersion': '2.0', 'Device.Boot!.FirmwareUpdated': 'true' } });
    expect(sent).toEqual([`${FW}2.Download()`, `${FW}2.Activate()`]);
    expect(agents.rows.get(AGENT)!.map((r) => r.uniqueKeys.ID)).toEqual(['usp-console-firmware-events', 'usp-console-firmware-ops']);
    expect(progress.map((p) => p?.stage)).toEqual(['download', 'activate']);
    // Another step on the same agent (already updated: skipped) reuses the subscriptions.
    expect((await runFirmware(ctx)).state).toBe('skipped');
    expect(agents.callsOf('add')).toHaveLength(2);
  });

  it('skips an agent already on the version; a resumed step whose agent got there succeeds without sending', async () => {
    const fresh = setup({}, deviceValues({ 'Device.DeviceInfo.SoftwareVersion': '2.0' }));
    expect((await runFirmware(fresh.ctx)).state).toBe('skipped');
    const resumed = setup({ phase: 'sent', after: { stage: 'activate', image: `${FW}2.`, commandKey: 'old', activatedAt: String(Date.now()) } }, deviceValues({ 'Device.DeviceInfo.SoftwareVersion': '2.0' }));
    expect((await runFirmware(resumed.ctx)).state).toBe('succeeded');
    expect([...fresh.sent, ...resumed.sent]).toEqual([]);
  });

  it('does not download again an image already there with the expected version', async () => {
    const { sent, ctx } = setup({}, deviceValues({ [`${FW}2.Version`]: '2.0' }));
    expect((await runFirmware(ctx)).state).toBe('succeeded');
    expect(sent).toEqual([`${FW}2.Activate()`]);
  });

  it('waits while the downloaded image is still Validating', async () => {
    const { agents, ctx } = setup();
    agents.onStartOperate = (id, command, _args, key) => {
      const v = agents.values.get(id)!;
      if (command.endsWith('Download()')) {
        Object.assign(v, { [`${FW}2.Version`]: '2.0', [`${FW}2.Status`]: 'Validating' });
        agents.events.push(id, { kind: 'event', objPath: 'Device.LocalAgent.', eventName: 'TransferComplete!', params: { CommandKey: key, FaultCode: '0' } });
        setTimeout(() => (v[`${FW}2.Status`] = 'ValidationFailed'), 100);
      }
    };
    await expect(runFirmware(ctx)).rejects.toMatchObject({ code: 'download-failed', message: `download failed (status, ${FW}2 is ValidationFailed after the transfer)` });
    expect(agents.callsOf('get').length).toBeGreaterThan(2);
  });

  it('resumes a Download() still running: waits for its TransferComplete! instead of sending it again', async () => {
    const { agents, sent, ctx } = setup({ phase: 'sent', after: { stage: 'download', image: `${FW}2.`, commandKey: 'dl-before' } }, deviceValues({ [`${FW}2.Status`]: 'Downloading' }));
    const run = runFirmware(ctx);
    setTimeout(() => {
      Object.assign(agents.values.get(AGENT)!, { [`${FW}2.Version`]: '2.0', [`${FW}2.Status`]: 'Available' });
      agents.events.push(AGENT, { kind: 'event', objPath: 'Device.LocalAgent.', eventName: 'TransferComplete!', params: { CommandKey: 'dl-before', FaultCode: '0' } });
    }, 20);
    expect((await run).state).toBe('succeeded');
    expect(sent).toEqual([`${FW}2.Activate()`]);
  });

  it('resumes an Activate() waiting for its window: no second Activate(), waits for Boot!', async () => {
    const values = deviceValues({ 'Device.LocalAgent.Request.3.CommandKey': 'act-before', [`${FW}2.Version`]: '2.0' });
    const { agents, sent, ctx } = setup({ phase: 'sent', after: { stage: 'activate', image: `${FW}2.`, commandKey: 'act-before', activatedAt: String(Date.now()) } }, values);
    const run = runFirmware(ctx);
    setTimeout(() => {
      Object.assign(agents.values.get(AGENT)!, { 'Device.DeviceInfo.SoftwareVersion': '2.0', 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}2` });
      agents.events.push(AGENT, { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: { Cause: 'RemoteReboot', FirmwareUpdated: 'true' } });
    }, 20);
    expect((await run).state).toBe('succeeded');
    expect(sent).toEqual([]);
  });

  it('sends Activate() again when the agent never got it (no request, no reboot)', async () => {
    const { sent, ctx } = setup({ phase: 'sent', after: { stage: 'activate', image: `${FW}2.`, commandKey: 'lost', activatedAt: '0' } }, deviceValues({ [`${FW}2.Version`]: '2.0' }));
    expect((await runFirmware(ctx)).state).toBe('succeeded');
    expect(sent).toEqual([`${FW}2.Activate()`]);
  });

  it('ends with no Boot! when the agent does not come back, and clears its progress for a later retry', async () => {
    const { progress, ctx } = setup({}, deviceValues({ [`${FW}2.Version`]: '2.0' }), { reboot: false });
    const failure = await runFirmware(ctx).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure).toMatchObject({ code: 'no-boot', message: 'no Boot! within 1 s of Activate()', retryable: false });
    expect(progress.at(-1)).toBeNull();
  });

  it('fails with a clear message when there is no image to download into, and maps cmd_failures', async () => {
    const single = setup({}, { 'Device.DeviceInfo.SoftwareVersion': '1.0', 'Device.DeviceInfo.ActiveFirmwareImage': `${FW}1`, [`${FW}1.Version`]: '1.0' });
    await expect(runFirmware(single.ctx)).rejects.toMatchObject({ code: 'firmware', message: `no inactive FirmwareImage to download into (the active one is ${FW}1)` });
    const refused = setup();
    refused.agents.fail(AGENT, 'startOperate', new StepFailure('7027', 'bad URL'));
    await expect(runFirmware(refused.ctx)).rejects.toMatchObject({ code: 'download-failed', message: 'download failed (7027, bad URL)' });
    const retry = setup();
    retry.agents.fail(AGENT, 'startOperate', new StepFailure('transport', 'gone', true));
    await expect(runFirmware(retry.ctx)).rejects.toMatchObject({ code: 'transport', retryable: true });
    expect(retry.progress.at(-1)).toMatchObject({ stage: 'download' });
  });
});
