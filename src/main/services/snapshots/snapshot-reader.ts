import type { SupportedObject } from '../../../shared/model/schema';
import type { GetPathData, InstancesPathData } from '../../../shared/model/values';
import type { RequestOptions } from '../../controller';
import type { UspClient } from '../usp-client';
import { toGetPathData } from '../usp-results';

/**
 * What a snapshot capture needs from a live agent: GetSupportedDM (return everything),
 * GetInstances (first_level_only=false) and Get; per-path failures come back as data
 * (err_code), transport failures as rejections.
 */
export interface SnapshotReader {
  getSupportedDM(paths: string[]): Promise<SupportedObject[]>;
  getInstances(paths: string[]): Promise<InstancesPathData[]>;
  /** A Get of `paths`; `maxDepth` 0/absent = whole subtrees (max_depth 0 means no depth limit). */
  get(paths: string[], maxDepth?: number): Promise<GetPathData[]>;
}

/**
 * The one reader a capture uses, in the UI and the CLI alike: it reads through UspClient, so
 * what a capture learns also lands in the offline cache. GetSupportedDM always asks for the
 * whole model (UspClient stores it as the agent's schema).
 */
export function uspSnapshotReader(usp: UspClient, agentId: string, options: RequestOptions = {}): SnapshotReader {
  return {
    getSupportedDM: () => usp.getSupportedDM(agentId, options),
    getInstances: async (paths) => {
      const result = await usp.getInstances(agentId, paths, false, options);
      return result.requestedPaths.map((r) => ({ requestedPath: r.requestedPath, errCode: r.errCode, instances: r.instances }));
    },
    get: async (paths, maxDepth) => toGetPathData(await usp.get(agentId, paths, maxDepth ? { ...options, maxDepth } : options)),
  };
}
