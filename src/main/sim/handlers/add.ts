import type { usp } from '../../usp/generated/usp-proto.js';
import { toSchemaPath } from '../model/schema';
import type { HandlerContext, ParamFailure } from './context';
import { checkWrite, duplicateKey } from './param-write';
import { resolvePath } from './resolve-path';
import { errorOf, responseOf } from './respond';
import { USP_ERR_DUPLICATE_UNIQUE_KEY, USP_ERR_NOT_A_TABLE, USP_ERR_OBJECT_DOES_NOT_EXIST, USP_ERR_OBJECT_NOT_CREATABLE, USP_ERR_REQUIRED_PARAM_FAILED } from '../../../shared/usp-error-codes';

interface RowPlan {
  table: string;
  values: Record<string, string>;
  failures: ParamFailure[];
}

type ObjectPlan =
  | { ok: true; requested: string; rows: RowPlan[] }
  | { ok: false; requested: string; errCode: number; errMsg: string; failures: ParamFailure[] };

/** The Controller row of the requesting controller (`Device.LocalAgent.Controller.1`), for Subscription.Recipient. */
export function controllerRowOf(ctx: HandlerContext): string {
  for (const n of ctx.model.instances('Device.LocalAgent.Controller.')) {
    if (ctx.model.get(`Device.LocalAgent.Controller.${n}.EndpointID`) === ctx.controllerId) return `Device.LocalAgent.Controller.${n}`;
  }
  return '';
}

/** Values the agent fills in itself when a row is created (R-ADD.5; obuspa auto-populates Subscription.ID). */
function agentAssigned(ctx: HandlerContext, table: string, values: Record<string, string>, instance: number): Record<string, string> {
  const node = ctx.model.schema.table(table);
  const out: Record<string, string> = {};
  if (node?.params.has('Alias') && values.Alias === undefined) out.Alias = `cpe-${instance}`; // obuspa's form (capture mqtt_42)
  if (toSchemaPath(table) === 'Device.LocalAgent.Subscription.') {
    out.Recipient = controllerRowOf(ctx);
    out.CreationDate = ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (values.ID === undefined) out.ID = `${instance}-${Date.now().toString(16)}-sim`;
  }
  return out;
}

function planRow(ctx: HandlerContext, table: string, settings: usp.Add.ICreateParamSetting[]): RowPlan | { failed: ParamFailure[] } {
  const node = ctx.model.schema.table(table);
  const keyNames = new Set(node?.uniqueKeys.flat() ?? []);
  const values: Record<string, string> = {};
  const failures: ParamFailure[] = [];
  const probe = `${table}${ctx.model.store.nextRow(table)}.`;
  const first = ctx.model.instances(table)[0];
  // New rows inherit capability lists (ModesSupported…) from an existing row, so check "one of the values listed in X" against those.
  const sibling = (o: string, n: string) => {
    const rel = o.slice(probe.length);
    return values[rel + n] ?? (first === undefined ? undefined : ctx.model.store.get(`${table}${first}.${rel}`, n));
  };
  for (const s of settings) {
    const param = s.param ?? '';
    // Unique-key parameters are always required.
    const required = (s.required ?? false) || keyNames.has(param);
    const check = checkWrite(ctx.model, probe, param, s.value ?? '', true, sibling);
    if (check.ok) values[param] = check.write.value;
    else failures.push({ path: table, param, errCode: check.errCode, errMsg: check.errMsg, required });
  }
  if (failures.some((f) => f.required)) return { failed: failures };
  const all = { ...values, ...agentAssigned(ctx, table, values, ctx.model.store.nextRow(table)) };
  const dup = duplicateKey(ctx.model, table, '', all);
  if (dup) {
    const param = dup.find((k) => values[k] !== undefined) ?? dup[0] ?? '';
    return { failed: [...failures, { path: table, param, errCode: USP_ERR_DUPLICATE_UNIQUE_KEY, errMsg: `another row of ${table} already has this ${dup.join('+')}`, required: true }] };
  }
  return { table, values: all, failures };
}

function planObject(ctx: HandlerContext, create: usp.Add.ICreateObject): ObjectPlan {
  const requested = create.obj_path ?? '';
  const resolved = resolvePath(ctx.model, requested);
  if (!resolved.ok) return { ok: false, requested, errCode: resolved.missingInstance ? USP_ERR_OBJECT_DOES_NOT_EXIST : resolved.code, errMsg: resolved.message, failures: [] };
  if (resolved.kind !== 'object' || !resolved.tables) return { ok: false, requested, errCode: USP_ERR_NOT_A_TABLE, errMsg: `${requested}: not a table`, failures: [] };
  const rows: RowPlan[] = [];
  for (const table of resolved.tables) {
    if (ctx.model.schema.table(table)?.access !== 'RW') return { ok: false, requested, errCode: USP_ERR_OBJECT_NOT_CREATABLE, errMsg: `${table}: rows are managed by the agent`, failures: [] };
    const plan = planRow(ctx, table, create.param_settings ?? []);
    if ('failed' in plan) {
      const first = plan.failed.find((f) => f.required);
      const errCode = first?.errCode === USP_ERR_DUPLICATE_UNIQUE_KEY ? USP_ERR_DUPLICATE_UNIQUE_KEY : USP_ERR_REQUIRED_PARAM_FAILED;
      return { ok: false, requested, errCode, errMsg: first?.errMsg ?? 'a required parameter failed', failures: plan.failed };
    }
    rows.push(plan);
  }
  return { ok: true, requested, rows };
}

/** Add: all objects are checked first; with allow_partial=false any failure creates nothing (R-ADD.2a). */
export function handleAdd(ctx: HandlerContext, msgId: string, add: usp.IAdd): usp.IMsg {
  const plans = (add.create_objs ?? []).map((c) => planObject(ctx, c));
  if (!add.allow_partial) {
    const failed = plans.find((p) => !p.ok);
    if (failed && !failed.ok) {
      const paramErrs = failed.failures.map((f) => ({ paramPath: f.path + f.param, errCode: f.errCode, errMsg: f.errMsg }));
      if (paramErrs.length === 0) paramErrs.push({ paramPath: failed.requested, errCode: failed.errCode, errMsg: failed.errMsg });
      return errorOf(msgId, failed.errCode, failed.errMsg, paramErrs);
    }
  }
  const results: usp.AddResp.ICreatedObjectResult[] = [];
  for (const plan of plans) {
    if (!plan.ok) {
      results.push({ requested_path: plan.requested, oper_status: { oper_failure: { err_code: plan.errCode, err_msg: plan.errMsg } } });
      continue;
    }
    for (const row of plan.rows) results.push(createRow(ctx, plan.requested, row));
  }
  return responseOf(msgId, 'add_resp', { created_obj_results: results });
}

function createRow(ctx: HandlerContext, requested: string, row: RowPlan): usp.AddResp.ICreatedObjectResult {
  const path = ctx.model.createInstance(row.table, row.values);
  return {
    requested_path: requested,
    oper_status: {
      oper_success: {
        instantiated_path: path,
        param_errs: row.failures.map((f) => ({ param: f.param, err_code: f.errCode, err_msg: f.errMsg })),
        unique_keys: ctx.model.uniqueKeys(path),
      },
    },
  };
}
