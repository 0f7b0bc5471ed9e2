// One agent's firmware update (issue 10 "Firmware campaigns"): Download() into the inactive
// FirmwareImage, TransferComplete!, Activate() (now or in a window), Boot!, then SoftwareVersion.
// Progress is persisted as the step's `after` while it runs, so a step resumed after a restart
// or a retry checks the agent instead of downloading or activating twice.

import { randomBytes } from 'node:crypto';
import type { FirmwareOperation } from '../../../shared/jobs/job-file';
import { STEP_ERROR_CODES, type JobStep, type PathValues } from '../../../shared/jobs/job-model';
import type { AgentWatch } from './agent-event-feed';
import { StepFailure, type JobAgentPort } from './agent-port';
import type { StepResult } from './execute-step';
import {
  ACTIVE_IMAGE, FIRMWARE_TABLE, SOFTWARE_VERSION, activationFailure, downloadFailure, downloadedImageProblem, firmwareState, inactiveImage,
  isBoot, isFailedCompletion, isTransferComplete, rebootOutcome, transferFailure, type FirmwareImageRow, type FirmwareState,
} from './firmware-outcome';
import { commandRunning } from './operate-step';
import { SUBSCRIPTION_TABLE } from './preview-agent';

/** Our subscriptions for firmware steps, kept on the agent (Persistent, so they outlive its reboots). */
export const FIRMWARE_SUBSCRIPTIONS: PathValues[] = [
  { ID: 'usp-console-firmware-events', NotifType: 'Event', ReferenceList: 'Device.Boot!,Device.LocalAgent.TransferComplete!' },
  { ID: 'usp-console-firmware-ops', NotifType: 'OperationComplete', ReferenceList: `${FIRMWARE_TABLE}*.Download(),${FIRMWARE_TABLE}*.Activate()` },
];

/** How often an image still Validating after its TransferComplete! is read again. */
const VALIDATION_POLL_MS = 500;

export interface FirmwareStepContext {
  op: FirmwareOperation;
  step: JobStep;
  port: JobAgentPort;
  /** Per request to the agent. */
  timeoutMs: number;
  now(): number;
  /** Persists `phase = 'sent'` and the values before the update before anything is sent. */
  markSent(before: PathValues): void;
  /** Persists where the step is (`after` while it runs), or clears it once the step has an outcome. */
  saveProgress(progress: PathValues | null): void;
  newCommandKey?(): string;
}

/** Where a step is: `stage` download or activate, `image`, `commandKey`, `activatedAt` (ms). */
type Progress = Partial<Record<'stage' | 'image' | 'commandKey' | 'activatedAt', string>>;

export async function runFirmware(ctx: FirmwareStepContext): Promise<StepResult> {
  const watch = ctx.port.watch(ctx.step.endpointId);
  try {
    await ensureSubscriptions(ctx);
    return await update(ctx, watch, await readState(ctx));
  } catch (error) {
    // An outcome (not a transport failure to retry) ends the attempt: an operator's retry starts afresh.
    if (error instanceof StepFailure && !error.retryable) ctx.saveProgress(null);
    throw error;
  } finally {
    watch.close();
  }
}

async function update(ctx: FirmwareStepContext, watch: AgentWatch, state: FirmwareState): Promise<StepResult> {
  const { op, step } = ctx;
  const progress: Progress = step.phase === 'sent' ? (step.after ?? {}) : {};
  if (state.softwareVersion === op.expectedVersion) {
    return { state: step.phase === 'sent' ? 'succeeded' : 'skipped', before: step.before, after: { [SOFTWARE_VERSION]: state.softwareVersion } };
  }
  const target = progress.image ? state.images.find((i) => i.path === progress.image) : inactiveImage(state);
  if (!target) throw new StepFailure(STEP_ERROR_CODES.firmware, `no inactive FirmwareImage to download into (the active one is ${state.active.slice(0, -1) || 'unknown'})`);
  const before = step.before ?? { [SOFTWARE_VERSION]: state.softwareVersion, [ACTIVE_IMAGE]: state.active.slice(0, -1), [`${target.path}BootFailureLog`]: target.bootFailureLog };
  const beforeLog = before[`${target.path}BootFailureLog`] ?? '';

  if (progress.stage === 'activate' && progress.commandKey) {
    // Activate() may have reached the agent before a restart or a transport failure.
    const decided = rebootOutcome(state, target.path, op.expectedVersion, beforeLog, false);
    if (decided) return finish(decided, before, state);
    // Our Activate() still listed as a running request: it waits for its window.
    if (await commandRunning(ctx.port, step.endpointId, progress.commandKey, ctx.timeoutMs)) return awaitBoot(ctx, watch, target, before, progress.commandKey, Number(progress.activatedAt));
  } else {
    const downloaded = target.status === 'Available' && target.available && target.version === op.expectedVersion;
    if (!downloaded) await download(ctx, watch, target, before, progress);
  }
  const key = newKey(ctx, 'fw-act');
  const activatedAt = ctx.now();
  ctx.markSent(before);
  ctx.saveProgress({ stage: 'activate', image: target.path, commandKey: key, activatedAt: String(activatedAt) });
  try {
    await ctx.port.startOperate(step.endpointId, `${target.path}Activate()`, activateArgs(op), key, ctx.timeoutMs);
  } catch (error) {
    if (error instanceof StepFailure && !error.retryable) throw activationFailure(error.code, error.message);
    throw error;
  }
  return awaitBoot(ctx, watch, target, before, key, activatedAt);
}

async function download(ctx: FirmwareStepContext, watch: AgentWatch, target: FirmwareImageRow, before: PathValues, progress: Progress): Promise<void> {
  const { op, step } = ctx;
  const command = `${target.path}Download()`;
  // A Download() still running from before a restart is waited for, not sent again.
  let key = progress.stage === 'download' && progress.image === target.path && target.status === 'Downloading' ? progress.commandKey : undefined;
  if (key === undefined) {
    key = newKey(ctx, 'fw-dl');
    ctx.markSent(before);
    ctx.saveProgress({ stage: 'download', image: target.path, commandKey: key });
    const args: PathValues = { URL: op.url, AutoActivate: 'false' };
    if (op.username !== undefined) args.Username = op.username;
    if (op.password !== undefined) args.Password = op.password;
    if (op.fileSize !== undefined) args.FileSize = String(op.fileSize);
    if (op.checkSumAlgorithm !== undefined) args.CheckSumAlgorithm = op.checkSumAlgorithm;
    if (op.checkSum !== undefined) args.CheckSum = op.checkSum;
    try {
      await ctx.port.startOperate(step.endpointId, command, args, key, ctx.timeoutMs);
    } catch (error) {
      if (error instanceof StepFailure && !error.retryable) throw downloadFailure(error.code, error.message);
      throw error;
    }
  }
  const sentKey = key;
  const done = await watch.next((n) => isTransferComplete(n, sentKey) || isFailedCompletion(n, command, sentKey), op.downloadTimeoutSeconds * 1000);
  if (!done) throw downloadFailure('timeout', `no TransferComplete! within ${op.downloadTimeoutSeconds} s`);
  const failure = transferFailure(done);
  if (failure) throw failure;
  // The agent may still be checking the image after the transfer (Status Validating).
  const until = ctx.now() + op.downloadTimeoutSeconds * 1000;
  let image = (await readState(ctx)).images.find((i) => i.path === target.path);
  while (image?.status === 'Validating' && ctx.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, VALIDATION_POLL_MS));
    image = (await readState(ctx)).images.find((i) => i.path === target.path);
  }
  const problem = downloadedImageProblem(image, op.expectedVersion);
  if (problem) throw problem;
}

/** Waits for Boot! (or the failed OperationComplete of Activate()) and reads the version the agent came back with. */
async function awaitBoot(ctx: FirmwareStepContext, watch: AgentWatch, target: FirmwareImageRow, before: PathValues, key: string, activatedAt: number): Promise<StepResult> {
  const { op } = ctx;
  const windowSeconds = op.activateWindow?.end ?? 0;
  const deadline = activatedAt + (windowSeconds + op.bootTimeoutSeconds) * 1000;
  const beforeLog = before[`${target.path}BootFailureLog`] ?? '';
  const n = await watch.next((x) => isBoot(x) || isFailedCompletion(x, `${target.path}Activate()`, key), deadline - ctx.now());
  if (n?.kind === 'oper_complete' && !n.result.ok) throw activationFailure(n.result.errCode, n.result.errMsg);
  if (n === null) {
    // The Boot! may have been lost while the agent is back after all: ask it once.
    const state = await readState(ctx).catch(() => null);
    const decided = state && rebootOutcome(state, target.path, op.expectedVersion, beforeLog, false);
    if (state && decided) return finish(decided, before, state);
    throw new StepFailure(STEP_ERROR_CODES.noBoot, `no Boot! within ${windowSeconds + op.bootTimeoutSeconds} s of Activate()`);
  }
  const boot: PathValues = n.kind === 'event' ? { 'Device.Boot!.Cause': n.params.Cause ?? '', 'Device.Boot!.FirmwareUpdated': n.params.FirmwareUpdated ?? '' } : {};
  const state = await readState(ctx);
  return finish(rebootOutcome(state, target.path, op.expectedVersion, beforeLog, true)!, before, state, boot);
}

function finish(outcome: { ok: true } | StepFailure, before: PathValues, state: FirmwareState, boot: PathValues = {}): StepResult {
  if (outcome instanceof StepFailure) throw outcome;
  return { state: 'succeeded', before, after: { [SOFTWARE_VERSION]: state.softwareVersion, ...boot } };
}

async function readState(ctx: FirmwareStepContext): Promise<FirmwareState> {
  return firmwareState(await ctx.port.get(ctx.step.endpointId, [SOFTWARE_VERSION, ACTIVE_IMAGE, FIRMWARE_TABLE], ctx.timeoutMs));
}

async function ensureSubscriptions(ctx: FirmwareStepContext): Promise<void> {
  const { port, step } = ctx;
  const rows = await port.instances(step.endpointId, SUBSCRIPTION_TABLE, ctx.timeoutMs);
  for (const sub of FIRMWARE_SUBSCRIPTIONS) {
    if (rows.some((r) => r.uniqueKeys.ID === sub.ID)) continue;
    await port.add(step.endpointId, SUBSCRIPTION_TABLE, { ...sub, Enable: 'true', Persistent: 'true', NotifRetry: 'true' }, ctx.timeoutMs);
  }
}

function activateArgs(op: FirmwareOperation): PathValues {
  const w = op.activateWindow;
  if (!w) return { 'TimeWindow.1.Start': '0', 'TimeWindow.1.End': '0', 'TimeWindow.1.Mode': 'Immediately' };
  const args: PathValues = { 'TimeWindow.1.Start': String(w.start), 'TimeWindow.1.End': String(w.end), 'TimeWindow.1.Mode': w.mode };
  if (w.userMessage !== undefined) args['TimeWindow.1.UserMessage'] = w.userMessage;
  if (w.maxRetries !== undefined) args['TimeWindow.1.MaxRetries'] = String(w.maxRetries);
  return args;
}

function newKey(ctx: FirmwareStepContext, prefix: string): string {
  return ctx.newCommandKey?.() ?? `${prefix}-${randomBytes(5).toString('hex')}`;
}
