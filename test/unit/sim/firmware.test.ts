import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootImage, pendingBootImage } from '../../../src/main/sim/commands/firmware';
import type { SimCommands } from '../../../src/main/sim/commands/sim-commands';
import { parseFaults, SimFaults } from '../../../src/main/sim/faults';
import { seededRandom } from '../../../src/shared/seeded-random';
import { handleOperate } from '../../../src/main/sim/handlers/operate';
import { createHomeGatewayModel } from '../../../src/main/sim/model/builtin-model';
import { handlerContext } from './handler-context';

const IMAGE = 'Device.DeviceInfo.FirmwareImage.2.';
const waitFor = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

function operate(ctx: ReturnType<typeof handlerContext>['ctx'], command: string, input: Record<string, string>, key = 'k') {
  return handleOperate(ctx, `m-${key}`, { command, command_key: key, send_resp: true, input_args: input })?.body?.response?.operate_resp?.operation_results?.[0];
}

const WINDOW = { 'TimeWindow.1.Start': '0', 'TimeWindow.1.End': '0', 'TimeWindow.1.Mode': 'Immediately' };

describe('simulated FirmwareImage.{i}.Activate()', () => {
  it('reboots into an available image once its window opens, after OperationComplete', async () => {
    const { ctx, recorded } = handlerContext();
    const result = operate(ctx, `${IMAGE}Activate()`, WINDOW, 'act-1');
    expect(result?.req_obj_path).toBe('Device.LocalAgent.Request.1');
    await waitFor(() => recorded.restarts.length > 0);
    expect(recorded.completions).toEqual([{ objPath: IMAGE, commandName: 'Activate()', commandKey: 'act-1', outcome: { ok: true, output: {} } }]);
    expect(recorded.restarts).toEqual([{ kind: 'reboot', cause: 'RemoteReboot', reason: 'firmware activation', commandKey: 'act-1', bootImage: IMAGE }]);
  });

  it('refuses at once what cannot work: no window, End before Start, an unknown Mode, the active image, too many windows', () => {
    const { ctx } = handlerContext();
    const failure = (image: string, input: Record<string, string>) => operate(ctx, `${image}Activate()`, input)?.cmd_failure;
    expect(failure(IMAGE, {})).toEqual({ err_code: 7027, err_msg: 'Activate() takes 1 to 5 TimeWindow rows, not 0' });
    expect(failure(IMAGE, { ...WINDOW, 'TimeWindow.1.Start': '10', 'TimeWindow.1.End': '5' })?.err_msg).toBe('TimeWindow.1: End must not be before Start');
    expect(failure(IMAGE, { ...WINDOW, 'TimeWindow.1.Mode': 'Later' })?.err_code).toBe(7027);
    expect(failure(IMAGE, { 'TimeWindow.1.Start': '0', 'TimeWindow.1.Mode': 'AnyTime' })?.err_msg).toBe('missing mandatory input argument TimeWindow.1.End');
    expect(failure('Device.DeviceInfo.FirmwareImage.1.', WINDOW)?.err_msg).toBe('Device.DeviceInfo.FirmwareImage.1. is already the active image');
    const six = Object.fromEntries([1, 2, 3, 4, 5, 6].flatMap((i) => [[`TimeWindow.${i}.Start`, '0'], [`TimeWindow.${i}.End`, '9'], [`TimeWindow.${i}.Mode`, 'AnyTime']]));
    expect(failure(IMAGE, six)?.err_msg).toBe('Activate() takes 1 to 5 TimeWindow rows, not 6');
    ctx.model.setValue(IMAGE, 'Status', 'DownloadFailed');
    expect(failure(IMAGE, WINDOW)?.err_msg).toBe(`${IMAGE} holds no available image (Status DownloadFailed)`);
  });

  it('waits for a later window and does not survive the agent stopping', () => {
    const { ctx, recorded } = handlerContext();
    operate(ctx, `${IMAGE}Activate()`, { 'TimeWindow.1.Start': '3600', 'TimeWindow.1.End': '7200', 'TimeWindow.1.Mode': 'AnyTime' });
    expect(ctx.model.get('Device.LocalAgent.Request.1.Command')).toBe(`${IMAGE}Activate()`);
    (ctx.commands as SimCommands).stopAll();
    expect(ctx.model.exists('Device.LocalAgent.Request.1.')).toBe(false);
    expect(recorded.restarts).toEqual([]);
  });

  it('fails with the activate fault: OperationComplete 7022, the image ActivationFailed, no reboot', async () => {
    const { ctx, recorded } = handlerContext(5, createHomeGatewayModel(), { faults: new SimFaults({ activate: 1 }) });
    operate(ctx, `${IMAGE}Activate()`, WINDOW, 'act-2');
    await waitFor(() => recorded.completions.length > 0);
    expect(recorded.completions[0]?.outcome).toEqual({ ok: false, errCode: 7022, errMsg: 'activating Device.DeviceInfo.FirmwareImage.2 failed' });
    expect(ctx.model.get(`${IMAGE}Status`)).toBe('ActivationFailed');
    expect(recorded.restarts).toEqual([]);
  });
});

describe('simulated FirmwareImage.{i}.Download()', () => {
  it('fails with the download fault: TransferComplete! FaultCode 7022 with the reason', async () => {
    const { ctx, recorded } = handlerContext(5, createHomeGatewayModel(), { faults: new SimFaults({ download: 1 }) });
    operate(ctx, `${IMAGE}Download()`, { URL: 'https://fw.example.net/hgw5400-3.3.0.img', AutoActivate: 'false' }, 'dl-1');
    await waitFor(() => recorded.completions.length > 0);
    expect(recorded.events[0]?.params).toMatchObject({ CommandKey: 'dl-1', FaultCode: '7022', FaultString: 'simulated download failure (fault injection)' });
    expect(ctx.model.get(`${IMAGE}Status`)).toBe('DownloadFailed');
    expect(ctx.model.get(`${IMAGE}Version`)).toBe('3.1.4');
  });

  describe('fetching the image over http', () => {
    const body = Buffer.from('firmware image bytes '.repeat(100));
    const sha256 = createHash('sha256').update(body).digest('hex');
    let server: Server;
    let base = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/private/hgw5400-3.4.0.img' && req.headers.authorization !== `Basic ${Buffer.from('fw:secret').toString('base64')}`) {
          res.writeHead(401).end();
          return;
        }
        if (!req.url?.endsWith('.img')) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    async function download(input: Record<string, string>) {
      const { ctx, recorded } = handlerContext(1, createHomeGatewayModel(), { fetchImages: true });
      operate(ctx, `${IMAGE}Download()`, { AutoActivate: 'false', ...input });
      await waitFor(() => recorded.completions.length > 0);
      return { event: recorded.events[0]?.params, image: ctx.model.values(IMAGE) };
    }

    it('checks FileSize and CheckSum and sends the credentials', async () => {
      const good = await download({ URL: `${base}/private/hgw5400-3.4.0.img`, Username: 'fw', Password: 'secret', FileSize: String(body.length), CheckSumAlgorithm: 'SHA-256', CheckSum: sha256 });
      expect(good.event).toMatchObject({ FaultCode: '0', FaultString: '', CheckSum: sha256 });
      expect(good.image).toMatchObject({ Status: 'Available', Version: '3.4.0', Name: 'hgw5400-3.4.0.img' });
      expect((await download({ URL: `${base}/private/hgw5400-3.4.0.img` })).event?.FaultString).toBe(`HTTP 401 from ${base}/private/hgw5400-3.4.0.img`);
      expect((await download({ URL: `${base}/x-1.0.img`, CheckSumAlgorithm: 'SHA-256', CheckSum: '00'.repeat(32) })).event?.FaultString).toBe('SHA-256 checksum mismatch');
      expect((await download({ URL: `${base}/x-1.0.img`, FileSize: '10' })).event?.FaultString).toBe('the file is larger than FileSize 10');
      expect((await download({ URL: `${base}/x-1.0.img`, FileSize: String(body.length + 1) })).event?.FaultString).toBe(`the file has ${body.length} bytes, FileSize says ${body.length + 1}`);
      const missing = await download({ URL: `${base}/nothing` });
      expect(missing.event).toMatchObject({ FaultCode: '7022', FaultString: `HTTP 404 from ${base}/nothing` });
      expect(missing.image?.Status).toBe('DownloadFailed');
    });
  });
});

describe('booting a firmware image', () => {
  it('switches the running image, or rolls back with a BootFailureLog', () => {
    const model = createHomeGatewayModel();
    expect(bootImage(model, IMAGE, true)).toBe(false);
    expect(model.get('Device.DeviceInfo.SoftwareVersion')).toBe('3.2.1');
    expect(model.get(`${IMAGE}BootFailureLog`)).toBe('boot of hgw5400-3.1.4.img failed; rolled back to Device.DeviceInfo.FirmwareImage.1');
    expect(bootImage(model, IMAGE, false)).toBe(true);
    expect(model.get('Device.DeviceInfo.SoftwareVersion')).toBe('3.1.4');
    expect(model.get('Device.DeviceInfo.ActiveFirmwareImage')).toBe('Device.DeviceInfo.FirmwareImage.2');
    expect(model.get('Device.DeviceInfo.FirmwareImage.1.Status')).toBe('Available');
    expect(model.get(`${IMAGE}Status`)).toBe('Active');
  });

  it('a plain reboot starts BootFirmwareImage when it names another available image', () => {
    const model = createHomeGatewayModel();
    expect(pendingBootImage(model)).toBeNull();
    model.setValue('Device.DeviceInfo.', 'BootFirmwareImage', 'Device.DeviceInfo.FirmwareImage.2');
    expect(pendingBootImage(model)).toBe(IMAGE);
    model.setValue(IMAGE, 'Available', 'false');
    expect(pendingBootImage(model)).toBeNull();
  });
});

describe('fault injection', () => {
  it('parses NAME=P lists and says what is wrong', () => {
    expect(parseFaults('download=0.1, no-boot=1,activate=0')).toEqual({ ok: true, rates: { download: 0.1, 'no-boot': 1, activate: 0 } });
    expect(parseFaults('')).toEqual({ ok: true, rates: {} });
    expect(parseFaults('reboot=0.1')).toEqual({ ok: false, message: 'unknown fault "reboot" (known: download, activate, boot-old-image, no-boot)' });
    expect(parseFaults('download=1.5')).toEqual({ ok: false, message: 'download: a probability from 0 to 1 is needed, not "1.5"' });
    expect(parseFaults('download')).toEqual({ ok: false, message: 'download: a probability from 0 to 1 is needed, not ""' });
    expect(parseFaults('download=x')).toMatchObject({ ok: false });
  });

  it('a rate of 1 always hits, 0 never; a seed replays the same draws', () => {
    const always = new SimFaults({ download: 1 }, () => 0.999);
    expect([always.hits('download'), always.hits('activate')]).toEqual([true, false]);
    const draws = (seed: number) => {
      const f = new SimFaults({ download: 0.5 }, seededRandom(seed));
      return Array.from({ length: 20 }, () => f.hits('download'));
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(7).filter(Boolean).length).toBeGreaterThan(0);
    expect(draws(7).filter((x) => !x).length).toBeGreaterThan(0);
  });
});
