import type { DataModel } from '../model/data-model';
import type { CommandOutcome } from '../handlers/context';
import { USP_ERR_COMMAND_FAILURE } from '../../../shared/usp-error-codes';

/** What a finished FirmwareImage.{i}.Download() asks of the agent. */
export interface DownloadEffects {
  /** `Device.LocalAgent.TransferComplete!` arguments. */
  transferComplete: Record<string, string>;
  /** AutoActivate=true and the download worked: reboot into the new image. */
  activate: boolean;
}

function isoNow(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Simulates `Device.DeviceInfo.FirmwareImage.{i}.Download()`: the bank
 * ends up `Available` with the file's name and version, or `DownloadFailed` for hosts under
 * `.invalid`; the result travels in TransferComplete!, not in output arguments.
 */
export function finishDownload(
  model: DataModel,
  image: string,
  input: Record<string, string>,
  commandKey: string,
  requestor: string,
  startedAt: Date,
  now: Date,
): { outcome: CommandOutcome; effects: DownloadEffects } {
  const url = input.URL ?? '';
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  const failed = host === '' || host.endsWith('.invalid');
  const file = url.slice(url.lastIndexOf('/') + 1);
  const version = /(\d+\.\d+(\.\d+)*)/.exec(file)?.[1] ?? 'unknown';
  if (failed) {
    model.setValue(image, 'Status', 'DownloadFailed');
  } else {
    model.setValue(image, 'Name', file);
    model.setValue(image, 'Version', version);
    model.setValue(image, 'Status', 'Available');
    model.setValue(image, 'Available', 'true');
  }
  const transferComplete: Record<string, string> = {
    Command: `${image}Download()`,
    CommandKey: commandKey,
    Requestor: requestor,
    TransferType: 'Download',
    Affected: image.slice(0, -1),
    TransferURL: url,
    StartTime: isoNow(startedAt),
    CompleteTime: isoNow(now),
    FaultCode: failed ? String(USP_ERR_COMMAND_FAILURE) : '0',
    FaultString: failed ? `cannot reach ${host || url}` : '',
  };
  const outcome: CommandOutcome = failed ? { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `download from ${url} failed` } : { ok: true, output: {} };
  return { outcome, effects: { transferComplete, activate: !failed && input.AutoActivate === 'true' } };
}

/** Makes `image` the running firmware, as the reboot into it would (ActiveFirmwareImage, SoftwareVersion, bank Status). */
export function activateImage(model: DataModel, image: string): void {
  const previous = model.get('Device.DeviceInfo.ActiveFirmwareImage');
  if (previous) model.setValue(`${previous}.`, 'Status', 'Available');
  model.setValue(image, 'Status', 'Active');
  model.setValue('Device.DeviceInfo.', 'ActiveFirmwareImage', image.slice(0, -1));
  model.setValue('Device.DeviceInfo.', 'BootFirmwareImage', image.slice(0, -1));
  model.setValue('Device.DeviceInfo.', 'SoftwareVersion', model.get(`${image}Version`) ?? '');
}
