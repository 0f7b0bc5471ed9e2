import type { usp } from '../../usp/generated/usp-proto.js';
import type { CommandDef } from '../model/schema-types';
import { checkValue } from '../model/value-check';
import type { CommandOutcome, HandlerContext } from './context';
import { resolvePath } from './resolve-path';
import { errorOf, responseOf } from './respond';
import { USP_ERR_INVALID_COMMAND_ARGS, USP_ERR_INVALID_PATH, USP_ERR_OBJECT_DOES_NOT_EXIST } from '../../../shared/usp-error-codes';

/**
 * Checks input arguments: missing mandatory or bad values → 7027 (R-OPR.5); unknown ones are
 * ignored (R-OPR.6). Table-valued arguments (`TimeWindow.{i}.Start`) are checked in every row given.
 */
export function checkInputArgs(command: CommandDef, input: Record<string, string>): { ok: true; args: Record<string, string> } | { ok: false; errMsg: string } {
  const args: Record<string, string> = {};
  for (const def of command.input) {
    const table = /^(.*\.)\{i\}\.(.+)$/.exec(def.name);
    const names = table ? tableRows(input, table[1]!).map((row) => `${table[1]}${row}.${table[2]}`) : [def.name];
    for (const name of names) {
      const value = input[name];
      if (value === undefined) {
        if (def.mandatory) return { ok: false, errMsg: `missing mandatory input argument ${name}` };
        if (def.defaultIfOmitted !== undefined) args[name] = def.defaultIfOmitted;
        continue;
      }
      const checked = checkValue(def, value);
      if (!checked.ok) return { ok: false, errMsg: `input argument ${name}: ${checked.message}` };
      args[name] = checked.value;
    }
  }
  return { ok: true, args };
}

/** The row numbers given for an argument table (`TimeWindow.` → 1, 2 from `TimeWindow.1.Start`, `TimeWindow.2.End`). */
function tableRows(input: Record<string, string>, table: string): string[] {
  const rows = new Set<string>();
  for (const name of Object.keys(input)) {
    if (!name.startsWith(table)) continue;
    const row = /^(\d+)\./.exec(name.slice(table.length))?.[1];
    if (row !== undefined) rows.add(row);
  }
  return [...rows];
}

function invoke(ctx: HandlerContext, obj: string, command: CommandDef, input: Record<string, string>, commandKey: string): usp.OperateResp.IOperationResult {
  const executed = obj + command.name;
  const checked = checkInputArgs(command, input);
  if (!checked.ok) return { executed_command: executed, cmd_failure: { err_code: USP_ERR_INVALID_COMMAND_ARGS, err_msg: checked.errMsg } };
  if (command.async) {
    // obuspa reports the Request row without its trailing dot (capture mqtt_46).
    const request = ctx.commands.startAsync(obj, command, checked.args, commandKey, ctx.controllerId);
    if (typeof request !== 'string') return { executed_command: executed, cmd_failure: { err_code: request.errCode, err_msg: request.errMsg } };
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
