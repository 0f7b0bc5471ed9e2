import type { SupportedObject } from '../../shared/model/schema';
import type { GetPathData } from '../../shared/model/values';
import type { RequestOptions } from '../controller';
import type * as m from '../usp/messages';
import type { SnapshotReader } from './snapshots/snapshot-reader';

/** The requests a snapshot needs, as the Controller offers them. */
export interface SnapshotRequests {
  get(endpointId: string, paths: string[], options?: RequestOptions & { maxDepth?: number }): Promise<m.GetResult>;
  getInstances(endpointId: string, request: m.GetInstancesRequest, options?: RequestOptions): Promise<m.GetInstancesResult>;
  getSupportedDM(endpointId: string, request: m.GetSupportedDMRequest, options?: RequestOptions): Promise<m.GetSupportedDMResult>;
}

/** A USP core supported object as the shared model spells it (valueType → type). */
export function toModelObject(o: m.SupportedObject): SupportedObject {
  return {
    path: o.path,
    access: o.access,
    isMultiInstance: o.isMultiInstance,
    params: o.params.map((p) => ({ name: p.name, access: p.access, type: p.valueType, valueChange: p.valueChange })),
    commands: o.commands.map((c) => ({ name: c.name, type: c.type, inputArgs: c.inputArgs, outputArgs: c.outputArgs })),
    events: o.events.map((e) => ({ name: e.name, args: e.args })),
    uniqueKeySets: o.uniqueKeySets,
    divergentPaths: o.divergentPaths,
  };
}

/** A USP core Get result as the shared model (and the store) spell it (path → resolvedPath). */
export function toGetPathData(result: m.GetResult): GetPathData[] {
  return result.requestedPaths.map((r) => ({
    requestedPath: r.requestedPath,
    errCode: r.errCode,
    resolved: r.resolved.map((o) => ({ resolvedPath: o.path, params: o.params })),
  }));
}

/**
 * Reads a live agent for captureSnapshot straight through the controller (no cache in between):
 * GetSupportedDM of everything, GetInstances of the whole tree, Gets as planned. Used by the CLI's
 * `snapshot` command; any host holding a Controller can use it the same way.
 */
export function controllerSnapshotReader(controller: SnapshotRequests, endpointId: string, options: RequestOptions = {}): SnapshotReader {
  return {
    async getSupportedDM(paths) {
      const result = await controller.getSupportedDM(
        endpointId,
        { objPaths: paths, firstLevelOnly: false, returnCommands: true, returnEvents: true, returnParams: true, returnUniqueKeySets: true },
        options,
      );
      return result.requestedObjs.flatMap((r) => r.objects.map(toModelObject));
    },
    async getInstances(paths) {
      const result = await controller.getInstances(endpointId, { objPaths: paths, firstLevelOnly: false }, options);
      return result.requestedPaths.map((r) => ({ requestedPath: r.requestedPath, errCode: r.errCode, instances: r.instances }));
    },
    async get(paths, maxDepth) {
      const result = await controller.get(endpointId, paths, maxDepth ? { ...options, maxDepth } : options);
      return toGetPathData(result);
    },
  };
}
