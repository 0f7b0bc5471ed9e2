import type { DataModel } from '../model/data-model';
import type { CommandDef } from '../model/schema-types';

/** What a command invocation produced: output arguments, or a failure (cmd_failure). */
export type CommandOutcome = { ok: true; output: Record<string, string> } | { ok: false; errCode: number; errMsg: string };

/** Runs the data model's commands; the agent provides it (reboot, diagnostics, Request rows). */
export interface CommandRunner {
  /** Runs a synchronous command now. */
  runSync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string): CommandOutcome;
  /**
   * Starts an asynchronous command for the controller `originator` and returns its
   * `Device.LocalAgent.Request.{i}.` path (R-OPR.0), or why it cannot start (a cmd_failure).
   */
  startAsync(objPath: string, command: CommandDef, input: Record<string, string>, commandKey: string, originator: string): string | { errCode: number; errMsg: string };
}

/** Everything a request handler needs: the model, who is asking, and the agent's services. */
export interface HandlerContext {
  model: DataModel;
  /** Endpoint ID of the controller that sent the request (Record.from_id). */
  controllerId: string;
  /** Whether that controller may read `secured` parameters; the simulator grants none by default. */
  readSecured: boolean;
  commands: CommandRunner;
  /** Comma-separated `major.minor` list for GetSupportedProtocolResp (obuspa 11: `1.0,1.1,1.2,1.3`). */
  protocolVersions: string;
  now(): Date;
}

/** A failure of one parameter in Add/Set (becomes a ParameterError or an Error.param_errs entry). */
export interface ParamFailure {
  path: string;
  param: string;
  errCode: number;
  errMsg: string;
  required: boolean;
}
