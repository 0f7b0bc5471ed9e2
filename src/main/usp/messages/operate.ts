import type { usp } from '../generated/usp-proto.js';
import { copyMap, expectBody, requestMsg } from './common';

export interface OperateRequest {
  /** Command path or search path ending in "()". */
  command: string;
  /** Echoed in Request.{i}.CommandKey and Notify.oper_complete. */
  commandKey: string;
  /** false = the agent sends no OperateResp (obuspa: not even errors). */
  sendResp: boolean;
  inputArgs: Record<string, string>;
}

/** One invocation per matched object: finished (sync), started (async) or failed. */
export type OperateCommandResult =
  | { executedCommand: string; kind: 'sync'; outputArgs: Record<string, string> }
  /** requestPath: the Device.LocalAgent.Request.{i} instance tracking the async command. */
  | { executedCommand: string; kind: 'async'; requestPath: string }
  | { executedCommand: string; kind: 'failure'; errCode: number; errMsg: string };

export interface OperateResult {
  results: OperateCommandResult[];
}

export function buildOperate(msgId: string, request: OperateRequest): usp.IMsg {
  return requestMsg(msgId, 'operate', {
    operate: {
      command: request.command,
      command_key: request.commandKey,
      send_resp: request.sendResp,
      input_args: copyMap(request.inputArgs),
    },
  });
}

/** Reads an OperateResp; command failures are per object (R-OPR.1), never an exception. */
export function parseOperateResp(msg: usp.IMsg): OperateResult {
  const resp = expectBody(msg, 'operate_resp');
  return {
    results: (resp.operation_results ?? []).map((r): OperateCommandResult => {
      const executedCommand = r.executed_command ?? '';
      if (r.cmd_failure) {
        return { executedCommand, kind: 'failure', errCode: r.cmd_failure.err_code ?? 0, errMsg: r.cmd_failure.err_msg ?? '' };
      }
      if (r.req_obj_path != null && (r.operation_resp === 'req_obj_path' || !r.req_output_args)) {
        return { executedCommand, kind: 'async', requestPath: r.req_obj_path };
      }
      return { executedCommand, kind: 'sync', outputArgs: copyMap(r.req_output_args?.output_args) };
    }),
  };
}
