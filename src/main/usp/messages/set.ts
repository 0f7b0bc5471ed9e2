import type { usp } from '../generated/usp-proto.js';
import { copyMap, expectBody, requestMsg, toParamErrors, toParamSettings, type ParamError, type ParamSetting } from './common';

export interface SetRequest {
  /** false = any object failure turns the whole request into an Error. */
  allowPartial: boolean;
  updateObjs: { objPath: string; params: ParamSetting[] }[];
}

/** One instance the Set updated; paramErrs are non-required parameters that failed. */
export interface SetUpdatedInstance {
  affectedPath: string;
  updatedParams: Record<string, string>;
  paramErrs: ParamError[];
}

export interface SetFailedInstance {
  affectedPath: string;
  paramErrs: ParamError[];
}

export type SetObjectResult =
  | { requestedPath: string; ok: true; updatedInstances: SetUpdatedInstance[] }
  | { requestedPath: string; ok: false; errCode: number; errMsg: string; failedInstances: SetFailedInstance[] };

export interface SetResult {
  updatedObjs: SetObjectResult[];
}

export function buildSet(msgId: string, request: SetRequest): usp.IMsg {
  return requestMsg(msgId, 'set', {
    set: {
      allow_partial: request.allowPartial,
      update_objs: request.updateObjs.map((o) => ({ obj_path: o.objPath, param_settings: toParamSettings(o.params) })),
    },
  });
}

/** Reads a SetResp; an object whose update failed is an `ok: false` entry, not an exception. */
export function parseSetResp(msg: usp.IMsg): SetResult {
  const resp = expectBody(msg, 'set_resp');
  return {
    updatedObjs: (resp.updated_obj_results ?? []).map((r): SetObjectResult => {
      const requestedPath = r.requested_path ?? '';
      const failure = r.oper_status?.oper_failure;
      if (failure) {
        return {
          requestedPath,
          ok: false,
          errCode: failure.err_code ?? 0,
          errMsg: failure.err_msg ?? '',
          failedInstances: (failure.updated_inst_failures ?? []).map((f) => ({
            affectedPath: f.affected_path ?? '',
            paramErrs: toParamErrors(f.param_errs),
          })),
        };
      }
      return {
        requestedPath,
        ok: true,
        updatedInstances: (r.oper_status?.oper_success?.updated_inst_results ?? []).map((u) => ({
          affectedPath: u.affected_path ?? '',
          updatedParams: copyMap(u.updated_params),
          paramErrs: toParamErrors(u.param_errs),
        })),
      };
    }),
  };
}
