import type { DataModel } from '../model/data-model';
import { toSchemaPath } from '../model/schema';
import type { CommandDef } from '../model/schema-types';
import type { CommandOutcome, CommandRunner } from '../handlers/context';
import { ipPing, traceRoute } from './diagnostics';
import { activateImage, finishDownload } from './firmware';
import { USP_ERR_COMMAND_CANCELED, USP_ERR_COMMAND_FAILURE } from '../../../shared/usp-error-codes';

/** What commands ask of the agent around them. */
export interface CommandEvents {
  /** An async command finished: deliver OperationComplete to subscribers. */
  operationComplete(objPath: string, commandName: string, commandKey: string, outcome: CommandOutcome): void;
  /** Device.Reboot() / FactoryReset() was accepted (or a firmware image activated): restart after the OperateResp went out. */
  restart(kind: 'reboot' | 'factoryReset', cause: string, reason: string, commandKey: string, firmwareUpdated: boolean): void;
  /** A data-model event happened (TransferComplete!…). */
  event(objPath: string, eventName: string, params: Record<string, string>): void;
  /** Controller.{i}.SendOnBoardRequest(). */
  sendOnBoardRequest(controllerRow: string): void;
}

interface RunningRequest {
  timer: NodeJS.Timeout;
}

type SyncImpl = (objPath: string, input: Record<string, string>, commandKey: string) => CommandOutcome;
/** An async command's work when its (simulated) run time is over. */
interface AsyncRun {
  objPath: string;
  input: Record<string, string>;
  commandKey: string;
  originator: string;
  startedAt: Date;
}
type AsyncImpl = (run: AsyncRun) => CommandOutcome;

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
      'Device.DeviceInfo.FirmwareImage.{i}.Download()': (run) => this.download(run),
    };
  }

  runSync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string): CommandOutcome {
    const impl = this.syncImpls[toSchemaPath(objPath) + command.name];
    if (impl) return impl(objPath, input, commandKey);
    if (command.name === 'Reset()' && objPath.endsWith('.Stats.')) return this.resetStats(objPath);
    return SUCCESS;
  }

  startAsync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string, originator: string): string {
    const model = this.model();
    // R-OPR.0: one Device.LocalAgent.Request.{i}. row per running async command.
    const request = model.createInstance('Device.LocalAgent.Request.', {
      Originator: originator,
      Command: objPath + command.name,
      CommandKey: commandKey,
      Status: 'Active',
    });
    const run: AsyncRun = { objPath, input, commandKey, originator, startedAt: this.now() };
    if (toSchemaPath(objPath) === 'Device.DeviceInfo.FirmwareImage.{i}.' && command.name === 'Download()') model.setValue(objPath, 'Status', 'Downloading');
    const timer = setTimeout(() => {
      this.running.delete(request);
      const impl = this.asyncImpls[toSchemaPath(objPath) + command.name];
      const hasStatus = command.output.some((a) => a.name === 'Status');
      const outcome = impl ? impl(run) : { ok: true as const, output: hasStatus ? { Status: 'Complete' } : {} };
      this.finish(request, outcome);
    }, this.asyncDurationMs);
    this.running.set(request, { timer });
    return request;
  }

  /** Stops every running command without reporting (agent stop / reboot: async commands do not survive it). */
  stopAll(): void {
    for (const r of this.running.values()) clearTimeout(r.timer);
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
    this.running.delete(request);
    this.model().setValue(request, 'Status', 'Canceled');
    this.finish(request, { ok: false, errCode: USP_ERR_COMMAND_CANCELED, errMsg: 'Command canceled' });
    return SUCCESS;
  }

  private restart(kind: 'reboot' | 'factoryReset', cause: string, reason: string, commandKey: string): CommandOutcome {
    this.events.restart(kind, cause, reason, commandKey, false);
    return SUCCESS;
  }

  private download(run: AsyncRun): CommandOutcome {
    const model = this.model();
    const { outcome, effects } = finishDownload(model, run.objPath, run.input, run.commandKey, run.originator, run.startedAt, this.now());
    this.events.event('Device.LocalAgent.', 'TransferComplete!', effects.transferComplete);
    if (effects.activate) {
      activateImage(model, run.objPath);
      this.events.restart('reboot', 'RemoteReboot', 'firmware upgrade', run.commandKey, true);
    }
    return outcome;
  }

  private resetStats(objPath: string): CommandOutcome {
    const model = this.model();
    for (const name of Object.keys(model.values(objPath) ?? {})) {
      if (name !== 'Noise') model.setValue(objPath, name, '0');
    }
    return SUCCESS;
  }
}
