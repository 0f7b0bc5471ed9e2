import type { usp } from '../generated/usp-proto.js';
import { expectBody, requestMsg, toOperResult } from './common';

export interface DeleteRequest {
  /** false = any failing entry turns the whole request into an Error (R-DEL.1). */
  allowPartial: boolean;
  objPaths: string[];
}

export interface UnaffectedPathError {
  path: string;
  errCode: number;
  errMsg: string;
}

export type DeleteObjectResult =
  | {
      requestedPath: string;
      ok: true;
      /** Instances actually deleted; empty when the path matched nothing (R-DEL.2a). */
      affectedPaths: string[];
      /** Matched instances that could not be deleted. */
      unaffectedPathErrs: UnaffectedPathError[];
    }
  | { requestedPath: string; ok: false; errCode: number; errMsg: string };

export interface DeleteResult {
  deletedObjs: DeleteObjectResult[];
}

export function buildDelete(msgId: string, request: DeleteRequest): usp.IMsg {
  return requestMsg(msgId, 'delete', { delete: { allow_partial: request.allowPartial, obj_paths: [...request.objPaths] } });
}

export function parseDeleteResp(msg: usp.IMsg): DeleteResult {
  const resp = expectBody(msg, 'delete_resp');
  return {
    deletedObjs: (resp.deleted_obj_results ?? []).map(
      (r): DeleteObjectResult =>
        toOperResult(r, (success) => ({
          affectedPaths: [...(success?.affected_paths ?? [])],
          unaffectedPathErrs: (success?.unaffected_path_errs ?? []).map((e) => ({
            path: e.unaffected_path ?? '',
            errCode: e.err_code ?? 0,
            errMsg: e.err_msg ?? '',
          })),
        })),
    ),
  };
}
