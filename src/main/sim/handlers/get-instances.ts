import type { usp } from '../../usp/generated/usp-proto.js';
import { splitInstancePath } from '../model/data-model';
import type { HandlerContext } from './context';
import { resolvePath } from './resolve-path';
import { USP_ERR_INVALID_PATH, USP_ERR_NOT_A_TABLE } from '../../../shared/usp-error-codes';

/** Natural order of instance paths (obuspa sorts GetInstances results). */
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function collectRows(ctx: HandlerContext, row: string, firstLevelOnly: boolean, out: string[]): void {
  out.push(row);
  if (firstLevelOnly) return;
  ctx.model.walk(row, 0, (path, depth) => {
    if (depth > 1 && splitInstancePath(path)) out.push(path);
  });
}

/** GetInstances: rows of the addressed tables with their unique keys. */
export function handleGetInstances(ctx: HandlerContext, req: usp.IGetInstances): usp.IGetInstancesResp {
  const firstLevelOnly = req.first_level_only ?? false;
  const results = (req.obj_paths ?? []).map((requested): usp.GetInstancesResp.IRequestedPathResult => {
    const resolved = resolvePath(ctx.model, requested);
    if (!resolved.ok) return { requested_path: requested, err_code: resolved.code, err_msg: resolved.message };
    if (resolved.kind !== 'object') return { requested_path: requested, err_code: USP_ERR_INVALID_PATH, err_msg: `${requested}: not an object path` };
    const rows = resolved.objects.filter((o) => splitInstancePath(o) !== null);
    const paths: string[] = [];
    if (!resolved.tables && rows.length !== resolved.objects.length) {
      if (firstLevelOnly) return { requested_path: requested, err_code: USP_ERR_NOT_A_TABLE, err_msg: `${requested}: not a table` };
      // obuspa answers a single-instance object with every instance below it (captured:
      // GetInstances of Device.LocalAgent.), which is how a snapshot lists all of Device.
      const below = new Set<string>();
      for (const obj of resolved.objects) ctx.model.walk(obj, 0, (path) => void (splitInstancePath(path) && below.add(path)));
      paths.push(...below);
    } else for (const row of rows) collectRows(ctx, row, firstLevelOnly, paths);
    paths.sort(comparePaths);
    return {
      requested_path: requested,
      err_code: 0,
      curr_insts: paths.map((p) => ({ instantiated_obj_path: p, unique_keys: ctx.model.uniqueKeys(p) })),
    };
  });
  return { req_path_results: results };
}
