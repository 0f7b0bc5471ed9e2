import type { usp } from '../generated/usp-proto.js';
import { copyMap, expectBody, requestMsg, toOperResult, toParamErrors, toParamSettings, type ParamError, type ParamSetting } from './common';

export interface AddRequest {
  /** false = any failure turns the whole request into an Error. */
  allowPartial: boolean;
  createObjs: { objPath: string; params: ParamSetting[] }[];
}

export type AddObjectResult =
  | {
      requestedPath: string;
      ok: true;
      /** New instance path, e.g. "Device.LocalAgent.Subscription.3.". */
      instantiatedPath: string;
      uniqueKeys: Record<string, string>;
      /** Non-required parameters that could not be set. */
      paramErrs: ParamError[];
    }
  | { requestedPath: string; ok: false; errCode: number; errMsg: string };

export interface AddResult {
  createdObjs: AddObjectResult[];
}

export function buildAdd(msgId: string, request: AddRequest): usp.IMsg {
  return requestMsg(msgId, 'add', {
    add: {
      allow_partial: request.allowPartial,
      create_objs: request.createObjs.map((o) => ({ obj_path: o.objPath, param_settings: toParamSettings(o.params) })),
    },
  });
}

/** Reads an AddResp; one entry per created (or failed) object, several per search path since USP 1.3. */
export function parseAddResp(msg: usp.IMsg): AddResult {
  const resp = expectBody(msg, 'add_resp');
  return {
    createdObjs: (resp.created_obj_results ?? []).map(
      (r): AddObjectResult =>
        toOperResult(r, (success) => ({
          instantiatedPath: success?.instantiated_path ?? '',
          uniqueKeys: copyMap(success?.unique_keys),
          paramErrs: toParamErrors(success?.param_errs),
        })),
    ),
  };
}
