import { USP_ERR_INVALID_PATH, USP_ERR_REQUIRED_PARAM_FAILED } from '../../../shared/usp-error-codes';
// The job engine's port over the USP client: requests with allowPartial false, results flattened
// to path → value, failures sorted into USP errors (never retried) and transport failures or
// timeouts (retried with back-off).

import { STEP_ERROR_CODES, type PathValues } from '../../../shared/jobs/job-model';
import { AgentNotApprovedError, AgentUnreachableError, OperationTimeoutError, RequestTimeoutError, UspErrorResponse, type OperateOptions, type OperateOutcome, type RequestOptions } from '../../controller';
import type { SupportedObject } from '../../../shared/model/schema';
import type * as m from '../../usp/messages';
import type { Store } from '../../store/store';
import type { AgentEventFeed } from './agent-event-feed';
import { completionTimeoutMs, StepFailure, type JobAgentPort } from './agent-port';

/** The requests the engine makes; the USP client (which also updates the cache) provides them. */
export interface UspRequests {
  get(endpointId: string, paths: string[], options?: RequestOptions): Promise<m.GetResult>;
  getInstances(endpointId: string, objPaths: string[], firstLevelOnly: boolean): Promise<m.GetInstancesResult>;
  set(endpointId: string, request: m.SetRequest): Promise<m.SetResult>;
  add(endpointId: string, request: m.AddRequest): Promise<m.AddResult>;
  delete(endpointId: string, request: m.DeleteRequest): Promise<m.DeleteResult>;
  operate(endpointId: string, options: OperateOptions): Promise<OperateOutcome>;
  /** The whole supported data model, stored as the agent's schema. */
  getSupportedDM(endpointId: string): Promise<SupportedObject[]>;
}

export function uspAgentPort(usp: UspRequests, store: Store, isOnline: (endpointId: string) => boolean, events: AgentEventFeed): JobAgentPort {
  return {
    isOnline,
    watch: (endpointId) => events.watch(endpointId),
    startOperate: (endpointId, command, args, commandKey, timeoutMs) =>
      guard(async () => {
        const outcome = await usp.operate(endpointId, { command, inputArgs: args, commandKey, async: false, timeoutMs });
        const r = outcome.results[0];
        if (!r) throw new StepFailure(STEP_ERROR_CODES.unexpected, `${command}: the OperateResp has no result`);
        if (r.kind === 'failure') throw new StepFailure(String(r.errCode), r.errMsg);
        return r.kind === 'async' ? r.requestPath : '';
      }),
    uniqueKeySets: (endpointId, table) =>
      guard(async () => {
        const find = (objects: SupportedObject[]) => objects.find((o) => o.path === `${table}{i}.`)?.uniqueKeySets;
        return find(store.getSupportedDM(endpointId, table)) ?? find(await usp.getSupportedDM(endpointId)) ?? [];
      }),
    get: (endpointId, paths, timeoutMs) =>
      guard(async () => {
        const result = await usp.get(endpointId, paths, { timeoutMs });
        const values: PathValues = {};
        for (const r of result.requestedPaths) {
          if (r.errCode !== 0 && r.errCode !== USP_ERR_INVALID_PATH) throw new StepFailure(String(r.errCode), `${r.requestedPath}: ${r.errMsg}`);
          for (const o of r.resolved) for (const [name, value] of Object.entries(o.params)) values[o.path + name] = value;
        }
        return values;
      }),
    set: (endpointId, values) =>
      guard(async () => {
        const byObject = new Map<string, m.ParamSetting[]>();
        for (const [path, value] of Object.entries(values)) {
          const at = path.lastIndexOf('.') + 1;
          const list = byObject.get(path.slice(0, at)) ?? [];
          list.push({ param: path.slice(at), value, required: true });
          byObject.set(path.slice(0, at), list);
        }
        const result = await usp.set(endpointId, { allowPartial: false, updateObjs: [...byObject].map(([objPath, params]) => ({ objPath, params })) });
        const failed = result.updatedObjs.find((o) => !o.ok);
        if (failed && !failed.ok) throw new StepFailure(String(failed.errCode), `${failed.requestedPath}: ${failed.errMsg}`);
      }),
    add: (endpointId, table, params) =>
      guard(async () => {
        const result = await usp.add(endpointId, { allowPartial: false, createObjs: [{ objPath: table, params: Object.entries(params).map(([param, value]) => ({ param, value, required: true })) }] });
        const created = result.createdObjs[0];
        if (!created) throw new StepFailure(STEP_ERROR_CODES.unexpected, 'the AddResp created nothing');
        if (!created.ok) throw new StepFailure(String(created.errCode), `${created.requestedPath}: ${created.errMsg}`);
        return created.instantiatedPath;
      }),
    delete: (endpointId, objPaths) =>
      guard(async () => {
        const result = await usp.delete(endpointId, { allowPartial: false, objPaths });
        const failed = result.deletedObjs.find((o) => !o.ok);
        if (failed && !failed.ok) throw new StepFailure(String(failed.errCode), `${failed.requestedPath}: ${failed.errMsg}`);
      }),
    instances: (endpointId, table) =>
      guard(async () => {
        const result = await usp.getInstances(endpointId, [table], true);
        const r = result.requestedPaths[0];
        if (r && r.errCode !== 0 && r.errCode !== USP_ERR_INVALID_PATH) throw new StepFailure(String(r.errCode), `${table}: ${r.errMsg}`);
        return r?.instances ?? [];
      }),
    operate: (endpointId, command, args, async, timeoutMs, commandKey) =>
      guard(async () => {
        const options = { command, inputArgs: args, async, ensureSubscription: async, timeoutMs, completionTimeoutMs: completionTimeoutMs(timeoutMs) };
        const outcome = await usp.operate(endpointId, commandKey === undefined ? options : { ...options, commandKey });
        const out: PathValues = {};
        for (const r of outcome.results) {
          if (r.kind === 'failure') throw new StepFailure(String(r.errCode), `${r.executedCommand}: ${r.errMsg}`);
          if (r.kind === 'sync' || r.kind === 'completed') for (const [k, v] of Object.entries(r.outputArgs)) out[`${r.executedCommand}.${k}`] = v;
        }
        return out;
      }),
  };
}

/** USP errors keep their code and are final; unreachable agents and timeouts may be retried. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StepFailure) throw err;
    if (err instanceof UspErrorResponse) {
      // 7021 "Required parameter failed" only says a parameter failed; its own code (7012…) is the useful one to group and retry by.
      const first = err.paramErrs[0];
      if (!first) throw new StepFailure(String(err.errCode), err.errMsg);
      throw new StepFailure(String(err.errCode === USP_ERR_REQUIRED_PARAM_FAILED ? first.errCode : err.errCode), err.paramErrs.map((p) => `${p.paramPath}: ${p.errCode} ${p.errMsg}`).join('; '));
    }
    if (err instanceof RequestTimeoutError || err instanceof OperationTimeoutError) throw new StepFailure(STEP_ERROR_CODES.timeout, err.message, true);
    if (err instanceof AgentUnreachableError) throw new StepFailure(STEP_ERROR_CODES.transport, err.message, true);
    if (err instanceof AgentNotApprovedError) throw new StepFailure(STEP_ERROR_CODES.transport, err.message);
    throw err;
  }
}
