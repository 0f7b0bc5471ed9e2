import type { DataModel } from '../model/data-model';
import type { CommandOutcome } from '../handlers/context';
import { USP_ERR_COMMAND_FAILURE, USP_ERR_INVALID_COMMAND_ARGS } from '../../../shared/usp-error-codes';

export const FIRMWARE_IMAGE = 'Device.DeviceInfo.FirmwareImage.{i}.';
const DEVICE_INFO = 'Device.DeviceInfo.';
const ACTIVATE_MODES = ['AnyTime', 'Immediately', 'WhenIdle', 'ConfirmationNeeded'];

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

/** Why a Download() of `url` cannot work before anything is fetched: no host, or one under `.invalid`. */
export function unreachable(url: string): string | null {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  return host === '' || host.endsWith('.invalid') ? `cannot reach ${host || url}` : null;
}

/**
 * Ends `Device.DeviceInfo.FirmwareImage.{i}.Download()`: the bank ends up `Available` with the
 * file's name and the version in it (`hgw5400-3.3.0.img` → 3.3.0), or `DownloadFailed` when
 * `failure` says why; the result travels in TransferComplete!, not in output arguments.
 */
export function finishDownload(
  model: DataModel,
  image: string,
  input: Record<string, string>,
  run: { commandKey: string; requestor: string; startedAt: Date; now: Date },
  failure: string | null,
): { outcome: CommandOutcome; effects: DownloadEffects } {
  const url = input.URL ?? '';
  const file = url.slice(url.lastIndexOf('/') + 1);
  if (failure !== null) {
    model.setValue(image, 'Status', 'DownloadFailed');
  } else {
    model.setValue(image, 'Name', file.slice(0, 64));
    model.setValue(image, 'Version', /(\d+\.\d+(\.\d+)*)/.exec(file)?.[1] ?? 'unknown');
    model.setValue(image, 'Status', 'Available');
    model.setValue(image, 'Available', 'true');
    model.setValue(image, 'BootFailureLog', '');
  }
  const transferComplete: Record<string, string> = {
    Command: `${image}Download()`,
    CommandKey: run.commandKey,
    Requestor: run.requestor,
    TransferType: 'Download',
    Affected: image.slice(0, -1),
    TransferURL: url,
    StartTime: isoNow(run.startedAt),
    CompleteTime: isoNow(run.now),
    FaultCode: failure !== null ? String(USP_ERR_COMMAND_FAILURE) : '0',
    FaultString: failure ?? '',
  };
  if (input.CheckSumAlgorithm) transferComplete.CheckSumAlgorithm = input.CheckSumAlgorithm;
  if (input.CheckSum) transferComplete.CheckSum = input.CheckSum;
  const outcome: CommandOutcome = failure !== null ? { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `download from ${url} failed: ${failure}` } : { ok: true, output: {} };
  return { outcome, effects: { transferComplete, activate: failure === null && input.AutoActivate === 'true' } };
}

/**
 * Checks `FirmwareImage.{i}.Activate()`: the image must be Available and not running, with 1 to
 * MaxNumberOfActivateTimeWindows `TimeWindow.{i}.` rows (Start ≤ End, a known Mode). Returns the
 * seconds until the first window opens, when the agent reboots into the image.
 */
export function checkActivate(model: DataModel, image: string, input: Record<string, string>): { ok: true; startSeconds: number } | { ok: false; errCode: number; errMsg: string } {
  if (model.get(`${DEVICE_INFO}ActiveFirmwareImage`) === image.slice(0, -1)) return { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `${image} is already the active image` };
  if (model.get(`${image}Status`) !== 'Available' || model.get(`${image}Available`) !== 'true') {
    return { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `${image} holds no available image (Status ${model.get(`${image}Status`) ?? ''})` };
  }
  const rows = new Set<string>();
  for (const name of Object.keys(input)) {
    const row = /^TimeWindow\.(\d+)\./.exec(name)?.[1];
    if (row !== undefined) rows.add(row);
  }
  const max = Number(model.get(`${DEVICE_INFO}MaxNumberOfActivateTimeWindows`) ?? '1');
  if (rows.size === 0 || rows.size > max) return { ok: false, errCode: USP_ERR_INVALID_COMMAND_ARGS, errMsg: `Activate() takes 1 to ${max} TimeWindow rows, not ${rows.size}` };
  let startSeconds = Infinity;
  for (const row of rows) {
    const start = Number(input[`TimeWindow.${row}.Start`]);
    const end = Number(input[`TimeWindow.${row}.End`]);
    if (!(end >= start)) return { ok: false, errCode: USP_ERR_INVALID_COMMAND_ARGS, errMsg: `TimeWindow.${row}: End must not be before Start` };
    if (!ACTIVATE_MODES.includes(input[`TimeWindow.${row}.Mode`] ?? '')) return { ok: false, errCode: USP_ERR_INVALID_COMMAND_ARGS, errMsg: `TimeWindow.${row}.Mode must be one of ${ACTIVATE_MODES.join(', ')}` };
    startSeconds = Math.min(startSeconds, start);
  }
  return { ok: true, startSeconds };
}

/** Activate() failed before the reboot (fault injection): the bank says so. */
export function activationFailed(model: DataModel, image: string): CommandOutcome {
  model.setValue(image, 'Status', 'ActivationFailed');
  return { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `activating ${image.slice(0, -1)} failed` };
}

/**
 * The reboot into `image`: it becomes the running firmware (ActiveFirmwareImage, BootFirmwareImage,
 * SoftwareVersion, bank Status), or, when its boot `fails`, the agent rolls back to the image it ran,
 * records BootFailureLog and leaves BootFirmwareImage alone. Returns whether the firmware changed.
 */
export function bootImage(model: DataModel, image: string, fails: boolean): boolean {
  const previous = model.get(`${DEVICE_INFO}ActiveFirmwareImage`) ?? '';
  if (fails) {
    model.setValue(image, 'BootFailureLog', `boot of ${model.get(`${image}Name`) ?? image} failed; rolled back to ${previous}`);
    return false;
  }
  if (previous) model.setValue(`${previous}.`, 'Status', 'Available');
  model.setValue(image, 'Status', 'Active');
  model.setValue(DEVICE_INFO, 'ActiveFirmwareImage', image.slice(0, -1));
  model.setValue(DEVICE_INFO, 'BootFirmwareImage', image.slice(0, -1));
  model.setValue(DEVICE_INFO, 'SoftwareVersion', model.get(`${image}Version`) ?? '');
  return true;
}

/** The image a plain reboot starts: BootFirmwareImage when it names another available image, else none. */
export function pendingBootImage(model: DataModel): string | null {
  const boot = model.get(`${DEVICE_INFO}BootFirmwareImage`) ?? '';
  if (boot === '' || boot === model.get(`${DEVICE_INFO}ActiveFirmwareImage`)) return null;
  return model.get(`${boot}.Available`) === 'true' ? `${boot}.` : null;
}
