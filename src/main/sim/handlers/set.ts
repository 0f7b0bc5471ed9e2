import type { usp } from '../../usp/generated/usp-proto.js';
import { splitInstancePath } from '../model/data-model';
import type { HandlerContext, ParamFailure } from './context';
import { applyWriteRules, checkWrite, duplicateKey, type PlannedWrite } from './param-write';
import { readableValues } from './readable';
import { resolvePath } from './resolve-path';
import { errorOf, responseOf, type ErrorParam } from './respond';
import { USP_ERR_DUPLICATE_UNIQUE_KEY, USP_ERR_INVALID_PATH, USP_ERR_OBJECT_DOES_NOT_EXIST, USP_ERR_REQUIRED_PARAM_FAILED } from '../../../shared/usp-error-codes';

interface InstancePlan {
  obj: string;
  writes: PlannedWrite[];
  failures: ParamFailure[];
  /** A required parameter failed: the whole obj_path fails (R-SET.2a). */
  failed: boolean;
}

type PathPlan =
  | { ok: true; requested: string; instances: InstancePlan[] }
  | { ok: false; requested: string; errCode: number; errMsg: string; instances: InstancePlan[] };

function planInstance(ctx: HandlerContext, obj: string, settings: usp.Set.IUpdateParamSetting[]): InstancePlan {
  const plan: InstancePlan = { obj, writes: [], failures: [], failed: false };
  const pending = new Map<string, string>();
  const sibling = (o: string, n: string) => pending.get(o + n) ?? ctx.model.store.get(o, n);
  for (const s of settings) {
    const param = s.param ?? '';
    const check = checkWrite(ctx.model, obj, param, s.value ?? '', false, sibling);
    if (check.ok) {
      plan.writes.push(check.write);
      pending.set(check.write.obj + check.write.name, check.write.value);
    } else {
      plan.failures.push({ path: obj, param, errCode: check.errCode, errMsg: check.errMsg, required: s.required ?? false });
      if (s.required) plan.failed = true;
    }
  }
  const row = splitInstancePath(obj);
  if (row && plan.writes.some((w) => w.obj === obj)) {
    const after = { ...(ctx.model.values(obj) ?? {}) };
    for (const w of plan.writes) if (w.obj === obj) after[w.name] = w.value;
    const dup = duplicateKey(ctx.model, row.table, obj, after);
    if (dup) {
      // Message-order independence: a key collision fails every write to that key.
      const keyWrites = plan.writes.filter((w) => w.obj === obj && dup.includes(w.name));
      plan.writes = plan.writes.filter((w) => !keyWrites.includes(w));
      for (const w of keyWrites) {
        const required = settings.find((s) => s.param === w.name)?.required ?? false;
        plan.failures.push({ path: obj, param: w.name, errCode: USP_ERR_DUPLICATE_UNIQUE_KEY, errMsg: `another row of ${row.table} already has this ${dup.join('+')}`, required });
        if (required) plan.failed = true;
      }
    }
  }
  return plan;
}

function planPath(ctx: HandlerContext, update: usp.Set.IUpdateObject): PathPlan {
  const requested = update.obj_path ?? '';
  const resolved = resolvePath(ctx.model, requested);
  if (!resolved.ok) {
    const errCode = resolved.missingInstance ? USP_ERR_OBJECT_DOES_NOT_EXIST : resolved.code;
    return { ok: false, requested, errCode, errMsg: resolved.message, instances: [] };
  }
  if (resolved.kind !== 'object' || resolved.tables) {
    return { ok: false, requested, errCode: USP_ERR_INVALID_PATH, errMsg: `${requested}: Set takes object or instance paths, not a table`, instances: [] };
  }
  const instances = resolved.objects.map((obj) => planInstance(ctx, obj, update.param_settings ?? []));
  const failed = instances.find((i) => i.failed);
  if (failed) {
    const first = failed.failures.find((f) => f.required);
    return { ok: false, requested, errCode: USP_ERR_REQUIRED_PARAM_FAILED, errMsg: first?.errMsg ?? 'a required parameter failed', instances };
  }
  return { ok: true, requested, instances };
}

function paramErrors(failures: ParamFailure[]): usp.SetResp.IParameterError[] {
  return failures.map((f) => ({ param: f.param, err_code: f.errCode, err_msg: f.errMsg }));
}

/** Set: everything is checked before anything is written. */
export function handleSet(ctx: HandlerContext, msgId: string, set: usp.ISet): usp.IMsg {
  const plans = (set.update_objs ?? []).map((u) => planPath(ctx, u));
  if (!set.allow_partial) {
    const failed = plans.find((p) => !p.ok);
    if (failed && !failed.ok) {
      const paramErrs: ErrorParam[] = failed.instances.flatMap((i) =>
        i.failures.map((f) => ({ paramPath: f.path + f.param, errCode: f.errCode, errMsg: f.errMsg })),
      );
      if (paramErrs.length === 0) paramErrs.push({ paramPath: failed.requested, errCode: failed.errCode, errMsg: failed.errMsg });
      return errorOf(msgId, failed.errCode, failed.errMsg, paramErrs);
    }
  }
  const results = plans.map((plan): usp.SetResp.IUpdatedObjectResult => {
    if (!plan.ok) {
      return {
        requested_path: plan.requested,
        oper_status: {
          oper_failure: {
            err_code: plan.errCode,
            err_msg: plan.errMsg,
            updated_inst_failures: plan.instances
              .filter((i) => i.failures.length > 0)
              .map((i) => ({ affected_path: i.obj, param_errs: paramErrors(i.failures) })),
          },
        },
      };
    }
    const updated = plan.instances.map((inst): usp.SetResp.IUpdatedInstanceResult => {
      for (const w of inst.writes) {
        ctx.model.setValue(w.obj, w.name, w.value);
        applyWriteRules(ctx.model, w);
      }
      const readable = readableValues(ctx.model, inst.obj, ctx.readSecured);
      const updatedParams: Record<string, string> = {};
      for (const w of inst.writes) {
        const rel = w.obj.slice(inst.obj.length) + w.name;
        const secured = ctx.model.schema.node(w.obj)?.params.get(w.name)?.secure && !ctx.readSecured;
        if (!secured) updatedParams[rel] = w.obj === inst.obj ? (readable[w.name] ?? w.value) : w.value;
      }
      return { affected_path: inst.obj, updated_params: updatedParams, param_errs: paramErrors(inst.failures) };
    });
    return { requested_path: plan.requested, oper_status: { oper_success: { updated_inst_results: updated } } };
  });
  return responseOf(msgId, 'set_resp', { updated_obj_results: results });
}
