// What a firmware step concludes from what the agent reports: which image to download into,
// whether a transfer worked, and how a reboot ended (issue 10 "Firmware campaigns").

import { STEP_ERROR_CODES, type PathValues } from '../../../shared/jobs/job-model';
import type { Notification } from '../../usp/messages';
import { StepFailure } from './agent-port';

export const SOFTWARE_VERSION = 'Device.DeviceInfo.SoftwareVersion';
export const ACTIVE_IMAGE = 'Device.DeviceInfo.ActiveFirmwareImage';
export const FIRMWARE_TABLE = 'Device.DeviceInfo.FirmwareImage.';

export interface FirmwareImageRow {
  /** `Device.DeviceInfo.FirmwareImage.2.` */
  path: string;
  version: string;
  status: string;
  available: boolean;
  bootFailureLog: string;
}

export interface FirmwareState {
  softwareVersion: string;
  /** ActiveFirmwareImage as an object path (trailing dot). */
  active: string;
  images: FirmwareImageRow[];
}

const withDot = (path: string): string => (path === '' || path.endsWith('.') ? path : `${path}.`);

/** The state from a Get of SoftwareVersion, ActiveFirmwareImage and the FirmwareImage table. */
export function firmwareState(values: PathValues): FirmwareState {
  const rows = new Set<string>();
  for (const path of Object.keys(values)) {
    const row = /^Device\.DeviceInfo\.FirmwareImage\.\d+\./.exec(path)?.[0];
    if (row) rows.add(row);
  }
  return {
    softwareVersion: values[SOFTWARE_VERSION] ?? '',
    active: withDot(values[ACTIVE_IMAGE] ?? ''),
    images: [...rows].map((path) => ({
      path,
      version: values[`${path}Version`] ?? '',
      status: values[`${path}Status`] ?? '',
      available: values[`${path}Available`] === 'true' || values[`${path}Available`] === '1',
      bootFailureLog: values[`${path}BootFailureLog`] ?? '',
    })),
  };
}

/** The image to download into: the first one that is not running. */
export function inactiveImage(state: FirmwareState): FirmwareImageRow | null {
  return state.images.find((i) => i.path !== state.active) ?? null;
}

/** The TransferComplete! of our Download() (by command key). */
export function isTransferComplete(n: Notification, commandKey: string): n is Extract<Notification, { kind: 'event' }> {
  return n.kind === 'event' && n.eventName === 'TransferComplete!' && n.params.CommandKey === commandKey;
}

export function isBoot(n: Notification): n is Extract<Notification, { kind: 'event' }> {
  return n.kind === 'event' && n.objPath === 'Device.' && n.eventName === 'Boot!';
}

/** A failed OperationComplete of `command` (`Device.DeviceInfo.FirmwareImage.2.Download()`) sent with our key. */
export function isFailedCompletion(n: Notification, command: string, commandKey: string): n is Extract<Notification, { kind: 'oper_complete' }> {
  return n.kind === 'oper_complete' && !n.result.ok && n.commandKey === commandKey && withDot(n.objPath) + n.commandName === command;
}

/** "download failed (code, reason)". */
export function downloadFailure(code: string | number, reason: string): StepFailure {
  return new StepFailure(STEP_ERROR_CODES.downloadFailed, `download failed (${code}, ${reason || 'no reason given'})`);
}

export function activationFailure(code: string | number, reason: string): StepFailure {
  return new StepFailure(STEP_ERROR_CODES.activationFailed, `activation failed (${code}, ${reason || 'no reason given'})`);
}

/** What TransferComplete! (or the failed OperationComplete in its place) says about the Download(). */
export function transferFailure(n: Notification): StepFailure | null {
  if (n.kind === 'oper_complete') return n.result.ok ? null : downloadFailure(n.result.errCode, n.result.errMsg);
  if (n.kind !== 'event') return null;
  const code = n.params.FaultCode ?? '0';
  return code === '0' || code === '' ? null : downloadFailure(code, n.params.FaultString ?? '');
}

/** After a good download the image must carry the version the job expects, or activating it is pointless. */
export function downloadedImageProblem(image: FirmwareImageRow | undefined, expected: string): StepFailure | null {
  if (!image) return new StepFailure(STEP_ERROR_CODES.firmware, 'the image downloaded into is gone from the FirmwareImage table');
  if (image.status !== 'Available' && image.status !== 'Active') return downloadFailure('status', `${image.path.slice(0, -1)} is ${image.status} after the transfer`);
  if (image.version !== expected) return new StepFailure(STEP_ERROR_CODES.firmware, `the downloaded image reports version ${image.version}, not ${expected}`);
  return null;
}

/**
 * How a reboot into `target` ended, judged from the state read once the agent is back: updated,
 * back on the old image, or on the new image with the wrong version. `before` is the target's
 * BootFailureLog before the activation; without a Boot! seen (`booted` false) a state showing
 * neither the new image nor a new boot failure is undecided (null).
 */
export function rebootOutcome(state: FirmwareState, target: string, expected: string, beforeFailureLog: string, booted: boolean): { ok: true } | StepFailure | null {
  if (state.softwareVersion === expected) return { ok: true };
  if (state.active === target) return new StepFailure(STEP_ERROR_CODES.firmware, `booted ${target.slice(0, -1)} but it reports version ${state.softwareVersion}, not ${expected}`);
  const log = state.images.find((i) => i.path === target)?.bootFailureLog ?? '';
  if (!booted && (log === '' || log === beforeFailureLog)) return null;
  return new StepFailure(STEP_ERROR_CODES.oldImage, `rebooted into the old image (version ${state.softwareVersion})${log !== '' && log !== beforeFailureLog ? `: ${log}` : ''}`);
}
