import { describe, expect, it } from 'vitest';
import { handleOperate } from '../../../src/main/sim/handlers/operate';
import { handlerContext } from './handler-context';

const waitFor = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

describe('Operate handler', () => {
  it('runs Device.Reboot() synchronously and asks the agent to restart with the command key', () => {
    const { ctx, recorded } = handlerContext();
    const msg = handleOperate(ctx, 'o1', { command: 'Device.Reboot()', command_key: 'k-1', send_resp: true, input_args: { Reason: 'test' } });
    expect(msg?.body?.response?.operate_resp?.operation_results).toEqual([{ executed_command: 'Device.Reboot()', req_output_args: { output_args: {} } }]);
    expect(recorded.restarts).toEqual([{ kind: 'reboot', cause: 'RemoteReboot', reason: 'test', commandKey: 'k-1', bootImage: null }]);
  });

  it('starts IPPing() as a Request row and completes it later with output arguments', async () => {
    const { ctx, recorded } = handlerContext();
    const msg = handleOperate(ctx, 'o2', {
      command: 'Device.IP.Diagnostics.IPPing()',
      command_key: 'ping-1',
      send_resp: true,
      input_args: { ProtocolVersion: 'IPv4', Host: 'example.com', NumberOfRepetitions: '3', Timeout: '1000', DataBlockSize: '64', Unknown: 'ignored' },
    });
    const result = msg?.body?.response?.operate_resp?.operation_results?.[0];
    expect(result?.req_obj_path).toBe('Device.LocalAgent.Request.1');
    expect(ctx.model.get('Device.LocalAgent.Request.1.Command')).toBe('Device.IP.Diagnostics.IPPing()');
    expect(ctx.model.get('Device.LocalAgent.Request.1.Originator')).toBe('self::usp-console');
    await waitFor(() => recorded.completions.length > 0);
    const [done] = recorded.completions;
    expect(done?.objPath).toBe('Device.IP.Diagnostics.');
    expect(done?.commandName).toBe('IPPing()');
    expect(done?.commandKey).toBe('ping-1');
    expect(done?.outcome.ok && done.outcome.output.SuccessCount).toBe('3');
    expect(ctx.model.exists('Device.LocalAgent.Request.1.')).toBe(false);
  });

  it('records the controller that sent each Operate as its Request Originator (from the handler context)', async () => {
    const { ctx, recorded } = handlerContext();
    const operate = { command: 'Device.IP.Diagnostics.IPPing()', command_key: '', send_resp: true, input_args: { ProtocolVersion: 'IPv4', Host: 'example.com', NumberOfRepetitions: '1', Timeout: '1000', DataBlockSize: '64' } };
    handleOperate(ctx, 'o-a', operate);
    handleOperate({ ...ctx, controllerId: 'proto::other-controller' }, 'o-b', operate);
    expect(ctx.model.get('Device.LocalAgent.Request.1.Originator')).toBe('self::usp-console');
    expect(ctx.model.get('Device.LocalAgent.Request.2.Originator')).toBe('proto::other-controller');
    await waitFor(() => recorded.completions.length === 2);
  });

  it('cancels a running request with 7023 (Request.{i}.Cancel())', async () => {
    const { ctx, recorded } = handlerContext(10_000);
    handleOperate(ctx, 'o3', {
      command: 'Device.IP.Diagnostics.TraceRoute()',
      send_resp: true,
      input_args: { ProtocolVersion: 'Any', Host: 'example.com' },
    });
    const cancel = handleOperate(ctx, 'o4', { command: 'Device.LocalAgent.Request.1.Cancel()', send_resp: true });
    expect(cancel?.body?.response?.operate_resp?.operation_results?.[0]?.req_output_args).toEqual({ output_args: {} });
    expect(recorded.completions[0]?.outcome).toEqual({ ok: false, errCode: 7023, errMsg: 'Command canceled' });
  });

  it('fails one invocation with 7027 for a missing mandatory argument (R-OPR.5)', () => {
    const { ctx } = handlerContext();
    const msg = handleOperate(ctx, 'o5', { command: 'Device.IP.Diagnostics.IPPing()', send_resp: true, input_args: { Host: 'x' } });
    expect(msg?.body?.response?.operate_resp?.operation_results?.[0]?.cmd_failure?.err_code).toBe(7027);
  });

  it('answers a bad command path with an Error and sends nothing when send_resp=false', () => {
    const { ctx } = handlerContext();
    expect(handleOperate(ctx, 'o6', { command: 'Device.Explode()', send_resp: true })?.body?.error?.err_code).toBe(7026);
    expect(handleOperate(ctx, 'o7', { command: 'Device.Reboot()', send_resp: false })).toBeNull();
  });

  it('runs a command on every object a search path matches', () => {
    const { ctx } = handlerContext();
    const msg = handleOperate(ctx, 'o8', { command: 'Device.WiFi.SSID.*.Stats.Reset()', send_resp: true });
    expect(msg?.body?.response?.operate_resp?.operation_results?.map((r) => r.executed_command)).toEqual([
      'Device.WiFi.SSID.1.Stats.Reset()',
      'Device.WiFi.SSID.2.Stats.Reset()',
      'Device.WiFi.SSID.3.Stats.Reset()',
      'Device.WiFi.SSID.4.Stats.Reset()',
    ]);
    expect(ctx.model.get('Device.WiFi.SSID.1.Stats.BytesSent')).toBe('0');
  });

  it('downloads firmware into a bank, reports TransferComplete! and asks for a reboot into it with AutoActivate', async () => {
    const { ctx, recorded } = handlerContext();
    handleOperate(ctx, 'o9', {
      command: 'Device.DeviceInfo.FirmwareImage.2.Download()',
      command_key: 'fw-1',
      send_resp: true,
      input_args: { URL: 'https://fw.example.net/hgw5400-3.3.0.img', AutoActivate: 'true' },
    });
    expect(ctx.model.get('Device.DeviceInfo.FirmwareImage.2.Status')).toBe('Downloading');
    await waitFor(() => recorded.completions.length > 0);
    expect(recorded.events[0]).toMatchObject({
      objPath: 'Device.LocalAgent.',
      eventName: 'TransferComplete!',
      params: { Command: 'Device.DeviceInfo.FirmwareImage.2.Download()', CommandKey: 'fw-1', Affected: 'Device.DeviceInfo.FirmwareImage.2', FaultCode: '0' },
    });
    expect(ctx.model.values('Device.DeviceInfo.FirmwareImage.2.')).toMatchObject({ Name: 'hgw5400-3.3.0.img', Version: '3.3.0', Status: 'Available', Available: 'true' });
    // The agent switches images when it reboots (sim-agent.ts), not before.
    expect(ctx.model.get('Device.DeviceInfo.SoftwareVersion')).toBe('3.2.1');
    expect(recorded.restarts).toEqual([{ kind: 'reboot', cause: 'RemoteReboot', reason: 'firmware upgrade', commandKey: 'fw-1', bootImage: 'Device.DeviceInfo.FirmwareImage.2.' }]);
  });

  it('reports a failed download in TransferComplete! and OperationComplete', async () => {
    const { ctx, recorded } = handlerContext();
    handleOperate(ctx, 'o10', {
      command: 'Device.DeviceInfo.FirmwareImage.2.Download()',
      send_resp: true,
      input_args: { URL: 'https://fw.example.invalid/x-1.0.img', AutoActivate: 'true' },
    });
    await waitFor(() => recorded.completions.length > 0);
    expect(recorded.completions[0]?.outcome.ok).toBe(false);
    expect(recorded.events[0]?.params.FaultCode).toBe('7022');
    expect(ctx.model.get('Device.DeviceInfo.FirmwareImage.2.Status')).toBe('DownloadFailed');
    expect(recorded.restarts).toEqual([]);
  });
});
