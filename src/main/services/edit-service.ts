import type {
  AddOptions, AddParam, AddResult, DeleteOptions, DeleteResult, OperateOptions, OperateResult, OperationResult, ParamUpdate,
  SetOptions, SetResult, SubscribableNotificationType, SubscriptionInfo, SubscriptionRequest,
} from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import type { SubscriptionInfo as ControllerSubscription, SubscriptionSpec as ControllerSubscriptionSpec } from '../controller';
import type { AgentRequests } from './controller-trust/explaining-requests';
import type { SubscriptionKeeper } from './subscription-keeper';
import type { UspClient } from './usp-client';

/** Default wait for OperationComplete (edit.ts: OperateOptions.completionTimeoutMs). */
const COMPLETION_TIMEOUT_MS = 120_000;

/** Set, Add, Delete, Operate and subscriptions, mapped between USP results and the API DTOs. */
export class EditService {
  private commandKeys = 0;

  constructor(
    /** Subscriptions through the requests that explain a 7006. */
    private readonly subscriptions: Pick<AgentRequests, 'createSubscription' | 'listSubscriptions' | 'deleteSubscription'>,
    private readonly usp: UspClient,
    private readonly keeper: SubscriptionKeeper,
  ) {}

  async setParameterValues(agentId: string, updates: ParamUpdate[], options: SetOptions = {}): Promise<SetResult> {
    // One UpdateObject per object path, parameters relative to it.
    const byObject = new Map<string, { param: string; value: string; required: boolean }[]>();
    for (const u of updates) {
      const cut = u.path.lastIndexOf('.') + 1;
      const objPath = u.path.slice(0, cut);
      const list = byObject.get(objPath) ?? [];
      list.push({ param: u.path.slice(cut), value: u.value, required: u.required ?? true });
      byObject.set(objPath, list);
    }
    const result = await this.usp.set(agentId, {
      allowPartial: options.allowPartial ?? false,
      updateObjs: [...byObject].map(([objPath, params]) => ({ objPath, params })),
    });
    const out: SetResult = { updated: [], failures: [] };
    for (const obj of result.updatedObjs) {
      if (obj.ok) {
        for (const instance of obj.updatedInstances) {
          for (const [name, value] of Object.entries(instance.updatedParams)) out.updated.push({ path: instance.affectedPath + name, value });
          for (const e of instance.paramErrs) out.failures.push({ path: instance.affectedPath + e.param, errCode: e.errCode, errMsg: e.errMsg });
        }
      } else {
        // Each parameter's own reason first ("longer than 32 characters"), the object's generic one after.
        for (const f of obj.failedInstances) {
          for (const e of f.paramErrs) out.failures.push({ path: f.affectedPath + e.param, errCode: e.errCode, errMsg: e.errMsg });
        }
        out.failures.push({ path: obj.requestedPath, errCode: obj.errCode, errMsg: obj.errMsg });
      }
    }
    return out;
  }

  async addInstance(agentId: string, objPath: string, params: AddParam[], options: AddOptions = {}): Promise<AddResult> {
    const result = await this.usp.add(agentId, {
      allowPartial: options.allowPartial ?? false,
      createObjs: [{ objPath, params: params.map((p) => ({ param: p.param, value: p.value, required: p.required ?? true })) }],
    });
    const created = result.createdObjs.flatMap((c) => (c.ok ? [c] : []));
    const failed = result.createdObjs.find((c) => !c.ok);
    const first = created[0];
    if (!first) {
      throw new ConsoleApiError({
        code: 'usp-error',
        message: failed && !failed.ok ? `The agent could not add to ${objPath}: error ${failed.errCode} ${failed.errMsg}` : `The agent created nothing under ${objPath}.`,
        ...(failed && !failed.ok ? { uspErrCode: failed.errCode } : {}),
      });
    }
    return {
      instantiatedPath: first.instantiatedPath,
      uniqueKeys: first.uniqueKeys,
      paramErrors: created.flatMap((c) => c.paramErrs.map((e) => ({ path: c.instantiatedPath + e.param, errCode: e.errCode, errMsg: e.errMsg }))),
      created: created.map((c) => ({ instantiatedPath: c.instantiatedPath, uniqueKeys: c.uniqueKeys })),
    };
  }

  async deleteInstances(agentId: string, objPaths: string[], options: DeleteOptions = {}): Promise<DeleteResult> {
    const result = await this.usp.delete(agentId, { allowPartial: options.allowPartial ?? false, objPaths });
    const out: DeleteResult = { affectedPaths: [], failures: [] };
    for (const d of result.deletedObjs) {
      if (d.ok) {
        out.affectedPaths.push(...d.affectedPaths);
        for (const e of d.unaffectedPathErrs) out.failures.push({ path: e.path, errCode: e.errCode, errMsg: e.errMsg });
      } else {
        out.failures.push({ path: d.requestedPath, errCode: d.errCode, errMsg: d.errMsg });
      }
    }
    return out;
  }

  async operate(agentId: string, command: string, inputArgs: Record<string, string>, options: OperateOptions = {}): Promise<OperateResult> {
    const awaitCompletion = options.awaitCompletion !== false;
    const commandKey = options.commandKey ?? `usp-console-${Date.now().toString(36)}-${++this.commandKeys}`;
    const outcome = await this.usp.operate(agentId, {
      command,
      inputArgs,
      commandKey,
      async: awaitCompletion,
      ensureSubscription: awaitCompletion,
      completionTimeoutMs: options.completionTimeoutMs ?? COMPLETION_TIMEOUT_MS,
    });
    const results: OperationResult[] = outcome.results.map((r) => {
      switch (r.kind) {
        case 'sync':
          return { executedCommand: r.executedCommand, outcome: { kind: 'output', outputArgs: r.outputArgs }, fromOperationComplete: false };
        case 'completed':
          return { executedCommand: r.executedCommand, outcome: { kind: 'output', outputArgs: r.outputArgs }, fromOperationComplete: true };
        case 'async':
          return { executedCommand: r.executedCommand, outcome: { kind: 'started', requestPath: r.requestPath }, fromOperationComplete: false };
        case 'failure':
          return {
            executedCommand: r.executedCommand,
            outcome: { kind: 'failure', errCode: r.errCode, errMsg: r.errMsg },
            fromOperationComplete: r.requestPath !== undefined,
          };
      }
    });
    return { command, commandKey: outcome.commandKey, results };
  }

  /**
   * Creates the subscription persistent unless asked otherwise, so that it survives a reboot of
   * the agent; an agent that refuses Persistent gets a plain one. The keeper re-creates it
   * whenever the agent has lost it (after a Boot! or a reconnect).
   */
  async subscribe(agentId: string, request: SubscriptionRequest): Promise<SubscriptionInfo> {
    const spec: ControllerSubscriptionSpec = {
      notifType: request.notifType,
      referenceList: request.referenceList,
      enable: true,
      persistent: request.persistent ?? true,
      notifRetry: request.notifRetry ?? false,
      timeToLive: request.timeToLive ?? 0,
    };
    let created: ControllerSubscription;
    try {
      created = await this.subscriptions.createSubscription(agentId, spec);
    } catch (err) {
      const refusedPersistent = request.persistent === undefined && err instanceof Error && /Persistent/.test(err.message);
      if (!refusedPersistent) throw err;
      created = await this.subscriptions.createSubscription(agentId, { ...spec, persistent: false });
    }
    this.keeper.remember(agentId, created);
    return this.toInfo(agentId, created, Date.now());
  }

  async unsubscribe(agentId: string, subscriptionId: string): Promise<void> {
    const deleted = await this.subscriptions.deleteSubscription(agentId, subscriptionId);
    this.keeper.forget(agentId, subscriptionId);
    if (!deleted) throw new ConsoleApiError({ code: 'not-found', message: `Agent ${agentId} has no subscription ${subscriptionId} of ours.` });
  }

  async listSubscriptions(agentId: string): Promise<SubscriptionInfo[]> {
    const list = await this.subscriptions.listSubscriptions(agentId);
    return list.map((s) => this.toInfo(agentId, s, null));
  }

  private toInfo(agentId: string, s: ControllerSubscription, createdAt: number | null): SubscriptionInfo {
    // Made by this console in this run, or by one before it (the ID prefix it gives its subscriptions).
    return toSubscriptionInfo(agentId, s, createdAt, this.keeper.owns(agentId, s.id) || s.id.startsWith('usp-console'));
  }

  subscribePath(agentId: string, notifType: SubscribableNotificationType, path: string): Promise<SubscriptionInfo> {
    return this.subscribe(agentId, { notifType, referenceList: [path] });
  }
}

const NOTIF_TYPES: readonly SubscribableNotificationType[] = ['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event'];

/** `createdAt`: when this console created it, for a subscription the agent has not dated yet. */
function toSubscriptionInfo(agentId: string, s: ControllerSubscription, createdAt: number | null, ownedByConsole: boolean): SubscriptionInfo {
  const dated = Date.parse(s.creationDate);
  const notifType = NOTIF_TYPES.find((t) => t === s.notifType) ?? 'ValueChange';
  return {
    agentId,
    id: s.id,
    instancePath: s.path || null,
    notifType,
    referenceList: s.referenceList,
    enabled: s.enable,
    persistent: s.persistent,
    notifRetry: s.notifRetry,
    notifExpiration: s.notifExpiration,
    timeToLive: s.timeToLive,
    createdAt: Number.isNaN(dated) ? createdAt : dated,
    ownedByConsole,
  };
}
