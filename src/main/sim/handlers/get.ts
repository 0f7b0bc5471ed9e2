import type { usp } from '../../usp/generated/usp-proto.js';
import type { HandlerContext } from './context';
import { readableValues } from './readable';
import { resolvePath } from './resolve-path';
import { USP_ERR_INVALID_PATH } from '../../../shared/usp-error-codes';

/** max_depth 0, absent or ≥ 0x80000000 means the whole subtree (obuspa). */
function depthLimit(maxDepth: number | null | undefined): number {
  const d = maxDepth ?? 0;
  return d >= 0x80000000 || d < 0 ? 0 : d;
}

function resultsFor(ctx: HandlerContext, requested: string, maxDepth: number): usp.GetResp.IRequestedPathResult {
  const resolved = resolvePath(ctx.model, requested);
  if (!resolved.ok) return { requested_path: requested, err_code: resolved.code, err_msg: resolved.message };
  if (resolved.kind === 'command' || resolved.kind === 'event') {
    return { requested_path: requested, err_code: USP_ERR_INVALID_PATH, err_msg: `${requested}: Get reads parameters and objects, not commands or events` };
  }
  const results: usp.GetResp.IResolvedPathResult[] = [];
  if (resolved.element !== null) {
    const name = resolved.element;
    for (const obj of resolved.objects) {
      const values = readableValues(ctx.model, obj, ctx.readSecured);
      const value = values[name];
      if (value !== undefined) results.push({ resolved_path: obj, result_params: { [name]: value } });
    }
  } else {
    for (const obj of resolved.objects) {
      // 1.2+ layout: one entry per object, parameter names relative to it (R-GET.2/3).
      ctx.model.walk(obj, maxDepth, (path) => {
        const values = readableValues(ctx.model, path, ctx.readSecured);
        if (Object.keys(values).length > 0) results.push({ resolved_path: path, result_params: values });
      });
    }
  }
  return { requested_path: requested, err_code: 0, resolved_path_results: results };
}

/** Get: each path independently; a bad path fails alone with 7026/7008 (R-GET.0). */
export function handleGet(ctx: HandlerContext, get: usp.IGet): usp.IGetResp {
  const maxDepth = depthLimit(get.max_depth);
  return { req_path_results: (get.param_paths ?? []).map((p) => resultsFor(ctx, p, maxDepth)) };
}
