import type { usp } from '../../usp/generated/usp-proto.js';
import { splitInstancePath } from '../model/data-model';
import type { HandlerContext } from './context';
import { resolvePath } from './resolve-path';
import { errorOf, responseOf } from './respond';
import { USP_ERR_DELETE_FAILURE, USP_ERR_NOT_A_TABLE, USP_ERR_OBJECT_DOES_NOT_EXIST } from '../../../shared/usp-error-codes';

type DeletePlan =
  | { ok: true; requested: string; rows: string[] }
  | { ok: false; requested: string; errCode: number; errMsg: string };

function plan(ctx: HandlerContext, requested: string): DeletePlan {
  const resolved = resolvePath(ctx.model, requested);
  if (!resolved.ok) return { ok: false, requested, errCode: resolved.missingInstance ? USP_ERR_OBJECT_DOES_NOT_EXIST : resolved.code, errMsg: resolved.message };
  if (resolved.kind !== 'object' || resolved.tables) {
    return { ok: false, requested, errCode: USP_ERR_NOT_A_TABLE, errMsg: `${requested}: Delete takes instance paths` };
  }
  for (const row of resolved.objects) {
    const split = splitInstancePath(row);
    if (!split) return { ok: false, requested, errCode: USP_ERR_NOT_A_TABLE, errMsg: `${row} is not a table row` };
    if (ctx.model.schema.table(split.table)?.access !== 'RW') {
      return { ok: false, requested, errCode: USP_ERR_DELETE_FAILURE, errMsg: `${split.table}: rows are managed by the agent` };
    }
  }
  return { ok: true, requested, rows: resolved.objects };
}

/** Delete: allow_partial=false refuses the whole request on any failure (R-DEL.1). */
export function handleDelete(ctx: HandlerContext, msgId: string, del: usp.IDelete): usp.IMsg {
  const plans = (del.obj_paths ?? []).map((p) => plan(ctx, p));
  if (!del.allow_partial) {
    const failed = plans.filter((p) => !p.ok);
    const first = failed[0];
    if (first && !first.ok) {
      return errorOf(
        msgId,
        first.errCode,
        first.errMsg,
        failed.map((f) => (f.ok ? { paramPath: '', errCode: 0, errMsg: '' } : { paramPath: f.requested, errCode: f.errCode, errMsg: f.errMsg })),
      );
    }
  }
  const results = plans.map((p): usp.DeleteResp.IDeletedObjectResult => {
    if (!p.ok) return { requested_path: p.requested, oper_status: { oper_failure: { err_code: p.errCode, err_msg: p.errMsg } } };
    const affected: string[] = [];
    for (const row of p.rows) {
      if (!ctx.model.exists(row)) continue;
      ctx.model.deleteInstance(row);
      affected.push(row);
    }
    return { requested_path: p.requested, oper_status: { oper_success: { affected_paths: affected, unaffected_path_errs: [] } } };
  });
  return responseOf(msgId, 'delete_resp', { deleted_obj_results: results });
}
