import type { usp } from '../../usp/generated/usp-proto.js';
import type { CommandDef } from '../model/schema-types';
import { checkValue } from '../model/value-check';
import type { CommandOutcome, HandlerContext } from './context';
import { resolvePath } from './resolve-path';
import { errorOf, responseOf } from './respond';
import { USP_ERR_INVALID_COMMAND_ARGS, USP_ERR_INVALID_PATH, USP_ERR_OBJECT_DOES_NOT_EXIST } from '../../../shared/usp-error-codes';

/** Checks input arguments: missing mandatory or bad values → 7027 (R-OPR.5); unknown ones are ignored (R-OPR.6). */
export function checkInputArgs(command: CommandDef, input: Record<string, string>): { ok: true; args: Record<string, string> } | { ok: false; errMsg: string } {
  const args: Record<string, string> = {};
  for (const def of command.input) {
    const value = input[def.name];
    if (value === undefined) {
      if (def.mandatory) return { ok: false, errMsg: `missing mandatory input argument ${def.name}` };
      if (def.defaultIfOmitted !== undefined) args[def.name] = def.defaultIfOmitted;
      continue;
    }
    const checked = checkValue(def, value);
    if (!checked.ok) return { ok: false, errMsg: `input argument ${def.name}: ${checked.message}` };
    args[def.name] = checked.value;
  }
  // Table-valued input args (`TimeWindow.1.Start`) are passed through as given.
  for (const [name, value] of Object.entries(input)) if (name.includes('.')) args[name] = value;
  return { ok: true, args };
}

function invoke(ctx: HandlerContext, obj: string, command: CommandDef, input: Record<string, string>, commandKey: string): usp.OperateResp.IOperationResult {
  const executed = obj + command.name;
  const checked = checkInputArgs(command, input);
  if (!checked.ok) return { executed_command: executed, cmd_failure: { err_code: USP_ERR_INVALID_COMMAND_ARGS, err_msg: checked.errMsg } };
  if (command.async) {
    // obuspa reports the Request row without its trailing dot (capture mqtt_46).
    const request = ctx.commands.startAsync(obj, command, checked.args, commandKey, ctx.controllerId);
    return { executed_command: executed, req_obj_path: request.slice(0, -1) };
  }
  const outcome: CommandOutcome = ctx.commands.runSync(obj, command, checked.args, commandKey);
  return outcome.ok
    ? { executed_command: executed, req_output_args: { output_args: outcome.output } }
    : { executed_command: executed, cmd_failure: { err_code: outcome.errCode, err_msg: outcome.errMsg } };
}

/**
 * Operate: one result per matched object; per-object failures are
 * cmd_failure, never an Error (R-OPR.1). Returns null when send_resp=false (obuspa sends nothing).
 */
export function handleOperate(ctx: HandlerContext, msgId: string, op: usp.IOperate): usp.IMsg | null {
  const requested = op.command ?? '';
  const resolved = resolvePath(ctx.model, requested);
  let reply: usp.IMsg;
  if (!resolved.ok) {
    reply = errorOf(msgId, resolved.missingInstance ? USP_ERR_OBJECT_DOES_NOT_EXIST : resolved.code, resolved.message);
  } else if (resolved.kind !== 'command' || resolved.element === null) {
    reply = errorOf(msgId, USP_ERR_INVALID_PATH, `${requested}: not a command path`);
  } else {
    const name = resolved.element;
    const results = resolved.objects.map((obj) => {
      const command = ctx.model.schema.node(obj)?.commands.get(name);
      if (!command) return { executed_command: obj + name, cmd_failure: { err_code: USP_ERR_INVALID_PATH, err_msg: `${obj}${name} is not supported` } };
      return invoke(ctx, obj, command, op.input_args ?? {}, op.command_key ?? '');
    });
    reply = responseOf(msgId, 'operate_resp', { operation_results: results });
  }
  return op.send_resp ? reply : null;
}
