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
    expect(recorded.restarts).toEqual([{ kind: 'reboot', cause: 'RemoteReboot', reason: 'test', commandKey: 'k-1' }]);
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
});
