import type { DataModel } from '../model/data-model';
import { toSchemaPath } from '../model/schema';
import type { CommandDef } from '../model/schema-types';
import type { CommandOutcome, CommandRunner } from '../handlers/context';
import { ipPing, traceRoute } from './diagnostics';
import { activationFailed, checkActivate, FIRMWARE_IMAGE, finishDownload, unreachable } from './firmware';
import { fetchImage } from './fetch-image';
import type { SimFaults } from '../faults';
import { USP_ERR_COMMAND_CANCELED, USP_ERR_COMMAND_FAILURE } from '../../../shared/usp-error-codes';

/** What commands ask of the agent around them. */
export interface CommandEvents {
  /** An async command finished: deliver OperationComplete to subscribers. */
  operationComplete(objPath: string, commandName: string, commandKey: string, outcome: CommandOutcome): void;
  /**
   * Device.Reboot() / FactoryReset() was accepted, or a firmware image activated: restart after the
   * OperateResp went out, booting `bootImage` (a FirmwareImage row) when one is given.
   */
  restart(kind: 'reboot' | 'factoryReset', cause: string, reason: string, commandKey: string, bootImage: string | null): void;
  /** A data-model event happened (TransferComplete!…). */
  event(objPath: string, eventName: string, params: Record<string, string>): void;
  /** Controller.{i}.SendOnBoardRequest(). */
  sendOnBoardRequest(controllerRow: string): void;
}

interface RunningRequest {
  timer: NodeJS.Timeout;
  /** Stops what the command is doing (a firmware fetch). */
  abort: AbortController;
}

/** How the simulated firmware behaves. */
export interface SimFirmwareOptions {
  /** Injected failures (download, activate…); none by default. */
  faults?: SimFaults;
  /** Download() really fetches http(s) URLs (bounded size and time) and checks FileSize and CheckSum. */
  fetchImages?: boolean;
}

type SyncImpl = (objPath: string, input: Record<string, string>, commandKey: string) => CommandOutcome;
/** An async command's work when its (simulated) run time is over. */
interface AsyncRun {
  objPath: string;
  input: Record<string, string>;
  commandKey: string;
  originator: string;
  startedAt: Date;
  signal: AbortSignal;
}
type AsyncImpl = (run: AsyncRun) => CommandOutcome | Promise<CommandOutcome>;

const SUCCESS: CommandOutcome = { ok: true, output: {} };

/**
 * The simulator's command implementations: the ones TR-181 describes behaviour for,
 * and a generic answer for every other command in the schema (sync: no outputs; async:
 * `Status=Complete` when the command has a Status output).
 */
export class SimCommands implements CommandRunner {
  private readonly running = new Map<string, RunningRequest>();
  private readonly syncImpls: Record<string, SyncImpl>;
  private readonly asyncImpls: Record<string, AsyncImpl>;

  constructor(
    private readonly model: () => DataModel,
    private readonly events: CommandEvents,
    /** How long a simulated async command runs before its OperationComplete. */
    private readonly asyncDurationMs: number,
    private readonly now: () => Date = () => new Date(),
    private readonly firmware: SimFirmwareOptions = {},
  ) {
    this.syncImpls = {
      'Device.Reboot()': (_obj, input, key) => this.restart('reboot', input.Cause ?? 'RemoteReboot', input.Reason ?? 'Unknown', key),
      'Device.FactoryReset()': (_obj, input, key) =>
        this.restart('factoryReset', input.Cause ?? 'RemoteFactoryReset', input.Reason ?? 'Unknown', key),
      'Device.LocalAgent.Controller.{i}.SendOnBoardRequest()': (obj) => {
        if (this.model().get(`${obj}Enable`) !== 'true') return { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `${obj} is not enabled` };
        this.model().setValue(obj, 'OnBoardingComplete', 'false');
        this.events.sendOnBoardRequest(obj.slice(0, -1));
        return SUCCESS;
      },
      'Device.LocalAgent.Request.{i}.Cancel()': (obj) => this.cancel(obj),
    };
    this.asyncImpls = {
      'Device.IP.Diagnostics.IPPing()': (run) => ipPing(this.model(), run.input),
      'Device.IP.Diagnostics.TraceRoute()': (run) => traceRoute(this.model(), run.input),
      [`${FIRMWARE_IMAGE}Download()`]: (run) => this.download(run),
      [`${FIRMWARE_IMAGE}Activate()`]: (run) => this.activate(run),
    };
  }

  runSync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string): CommandOutcome {
    const impl = this.syncImpls[toSchemaPath(objPath) + command.name];
    if (impl) return impl(objPath, input, commandKey);
    if (command.name === 'Reset()' && objPath.endsWith('.Stats.')) return this.resetStats(objPath);
    return SUCCESS;
  }

  startAsync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string, originator: string): string | { errCode: number; errMsg: string } {
    const model = this.model();
    const key = toSchemaPath(objPath) + command.name;
    // Activate() waits for its time window to open; one that cannot work is refused at once.
    let delayMs = this.asyncDurationMs;
    if (key === `${FIRMWARE_IMAGE}Activate()`) {
      const checked = checkActivate(model, objPath, input);
      if (!checked.ok) return checked;
      delayMs = checked.startSeconds * 1000;
    }
    // R-OPR.0: one Device.LocalAgent.Request.{i}. row per running async command.
    const request = model.createInstance('Device.LocalAgent.Request.', {
      Originator: originator,
      Command: objPath + command.name,
      CommandKey: commandKey,
      Status: 'Active',
    });
    const abort = new AbortController();
    const run: AsyncRun = { objPath, input, commandKey, originator, startedAt: this.now(), signal: abort.signal };
    if (key === `${FIRMWARE_IMAGE}Download()`) model.setValue(objPath, 'Status', 'Downloading');
    const timer = setTimeout(() => {
      const impl = this.asyncImpls[key];
      const hasStatus = command.output.some((a) => a.name === 'Status');
      void Promise.resolve(impl ? impl(run) : { ok: true as const, output: hasStatus ? { Status: 'Complete' } : {} }).then((outcome) => {
        // A command stopped meanwhile (reboot, Cancel()) reports nothing more.
        if (!this.running.has(request)) return;
        this.running.delete(request);
        this.finish(request, outcome);
      });
    }, delayMs);
    this.running.set(request, { timer, abort });
    return request;
  }

  /** Stops every running command without reporting (agent stop / reboot: async commands and their Request rows do not survive it). */
  stopAll(): void {
    for (const [request, r] of this.running) {
      clearTimeout(r.timer);
      r.abort.abort();
      this.model().deleteInstance(request);
    }
    this.running.clear();
  }

  private finish(request: string, outcome: CommandOutcome): void {
    const model = this.model();
    const running = model.values(request);
    if (!running) return;
    const command = running.Command ?? '';
    const cut = command.lastIndexOf('.');
    model.setValue(request, 'Status', outcome.ok ? 'Success' : 'Error');
    this.events.operationComplete(command.slice(0, cut + 1), command.slice(cut + 1), running.CommandKey ?? '', outcome);
    model.deleteInstance(request); // R-OPR.2: the row goes when the command is done
  }

  private cancel(request: string): CommandOutcome {
    const running = this.running.get(request);
    if (!running) return { ok: false, errCode: USP_ERR_COMMAND_FAILURE, errMsg: `${request} is not running` };
    clearTimeout(running.timer);
    running.abort.abort();
    this.running.delete(request);
    this.model().setValue(request, 'Status', 'Canceled');
    this.finish(request, { ok: false, errCode: USP_ERR_COMMAND_CANCELED, errMsg: 'Command canceled' });
    return SUCCESS;
  }

  private restart(kind: 'reboot' | 'factoryReset', cause: string, reason: string, commandKey: string): CommandOutcome {
    this.events.restart(kind, cause, reason, commandKey, null);
    return SUCCESS;
  }

  private async download(run: AsyncRun): Promise<CommandOutcome> {
    const url = run.input.URL ?? '';
    let failure = unreachable(url);
    if (failure === null && this.firmware.faults?.hits('download')) failure = 'simulated download failure (fault injection)';
    if (failure === null && this.firmware.fetchImages && /^https?:/i.test(url)) failure = await fetchImage(run.input, run.signal);
    if (run.signal.aborted) return { ok: false, errCode: USP_ERR_COMMAND_CANCELED, errMsg: 'download interrupted' };
    const { outcome, effects } = finishDownload(this.model(), run.objPath, run.input, { commandKey: run.commandKey, requestor: run.originator, startedAt: run.startedAt, now: this.now() }, failure);
    this.events.event('Device.LocalAgent.', 'TransferComplete!', effects.transferComplete);
    if (effects.activate) this.events.restart('reboot', 'RemoteReboot', 'firmware upgrade', run.commandKey, run.objPath);
    return outcome;
  }

  /** The window opened: OperationComplete, then the reboot into the image; or the activation fails (fault injection). */
  private activate(run: AsyncRun): CommandOutcome {
    if (this.firmware.faults?.hits('activate')) return activationFailed(this.model(), run.objPath);
    this.events.restart('reboot', 'RemoteReboot', 'firmware activation', run.commandKey, run.objPath);
    return SUCCESS;
  }

  private resetStats(objPath: string): CommandOutcome {
    const model = this.model();
    for (const name of Object.keys(model.values(objPath) ?? {})) {
      if (name !== 'Noise') model.setValue(objPath, name, '0');
    }
    return SUCCESS;
  }
}
