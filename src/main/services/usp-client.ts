import type { SupportedObject } from '../../shared/model/schema';
import type { OperateOptions, OperateOutcome, RequestOptions } from '../controller';
import type { AgentRequests } from './controller-trust/explaining-requests';
import { toGetPathData, toModelObject } from './usp-results';
import type { Store } from '../store/store';
import type * as m from '../usp/messages';
import type { EventHub } from './event-hub';

/** Above this many values a Get result is announced as a tree change rather than value by value. */
const MAX_PUSHED_VALUES = 2000;

/**
 * The controller's requests, plus the bookkeeping every caller needs: whatever an agent
 * tells us is written to the store (so it can be browsed offline) and announced to the UI.
 * The ConsoleApi and the CLI's `snapshot --data` go through here, so what they learn is never lost;
 * the CLI's one-shot requests (get, set, …) keep no store and send through the same requests.
 * `controller` is the controller's requests as explainingDenials wraps them (a 7006 says which
 * role lacks which permission).
 */
export class UspClient {
  constructor(
    private readonly controller: AgentRequests,
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(endpointId: string, paths: string[], options: RequestOptions & { maxDepth?: number } = {}): Promise<m.GetResult> {
    const result = await this.controller.get(endpointId, paths, options);
    const readAt = this.clock();
    this.store.recordGetResult(endpointId, toGetPathData(result), readAt, { maxDepth: options.maxDepth });
    const values = result.requestedPaths.flatMap((r) =>
      r.resolved.flatMap((o) => Object.entries(o.params).map(([name, value]) => ({ path: o.path + name, value }))),
    );
    if (values.length <= MAX_PUSHED_VALUES) {
      for (const v of values) this.hub.push('values', { agentId: endpointId, path: v.path, value: v.value, readAt, source: 'get' });
    } else {
      for (const r of result.requestedPaths) this.hub.push('tree', { agentId: endpointId, path: objectOf(r.requestedPath), reason: 'schema' });
    }
    return result;
  }

  async getInstances(endpointId: string, objPaths: string[], firstLevelOnly: boolean, options: RequestOptions = {}): Promise<m.GetInstancesResult> {
    const result = await this.controller.getInstances(endpointId, { objPaths, firstLevelOnly }, options);
    this.store.recordInstances(endpointId, result.requestedPaths, this.clock(), firstLevelOnly);
    return result;
  }

  /** GetSupportedDM of the whole model (params, commands, events, unique keys), stored as the agent's schema. */
  async getSupportedDM(endpointId: string, options: RequestOptions = {}): Promise<SupportedObject[]> {
    const result = await this.controller.getSupportedDM(
      endpointId,
      { objPaths: ['Device.'], firstLevelOnly: false, returnCommands: true, returnEvents: true, returnParams: true, returnUniqueKeySets: true },
      options,
    );
    const objects = result.requestedObjs.flatMap((r) => r.objects.map(toModelObject));
    const failed = result.requestedObjs.find((r) => r.errCode !== 0);
    if (objects.length === 0 && failed) return [];
    this.store.recordSupportedDM(endpointId, objects, this.clock(), { complete: true });
    this.hub.push('tree', { agentId: endpointId, path: 'Device.', reason: 'schema' });
    return objects;
  }

  async set(endpointId: string, request: m.SetRequest): Promise<m.SetResult> {
    const result = await this.controller.set(endpointId, request);
    const at = this.clock();
    for (const obj of result.updatedObjs) {
      if (!obj.ok) continue;
      for (const instance of obj.updatedInstances) {
        for (const [name, value] of Object.entries(instance.updatedParams)) {
          const path = instance.affectedPath + name;
          this.store.applyValueChange(endpointId, path, value, at);
          this.hub.push('values', { agentId: endpointId, path, value, readAt: at, source: 'set' });
        }
      }
    }
    return result;
  }

  async add(endpointId: string, request: m.AddRequest): Promise<m.AddResult> {
    const result = await this.controller.add(endpointId, request);
    const at = this.clock();
    for (const created of result.createdObjs) {
      if (!created.ok) continue;
      this.store.applyObjectCreation(endpointId, created.instantiatedPath, created.uniqueKeys, at);
      this.hub.push('tree', { agentId: endpointId, path: tableOf(created.instantiatedPath), reason: 'instance-added' });
    }
    return result;
  }

  async delete(endpointId: string, request: m.DeleteRequest): Promise<m.DeleteResult> {
    const result = await this.controller.delete(endpointId, request);
    const at = this.clock();
    for (const deleted of result.deletedObjs) {
      if (!deleted.ok) continue;
      for (const path of deleted.affectedPaths) {
        this.store.applyObjectDeletion(endpointId, path, at);
        this.hub.push('tree', { agentId: endpointId, path: tableOf(path), reason: 'instance-deleted' });
      }
    }
    return result;
  }

  operate(endpointId: string, options: OperateOptions): Promise<OperateOutcome> {
    return this.controller.operate(endpointId, options);
  }
}

/** 'Device.A.3.' → 'Device.A.' (the table whose rows changed). */
export function tableOf(instancePath: string): string {
  return instancePath.replace(/[^.]+\.$/, '');
}

/** The object a requested path lives in: itself for an object path, its parent for a parameter. */
function objectOf(path: string): string {
  return path.endsWith('.') ? path : path.replace(/[^.]*$/, '');
}
