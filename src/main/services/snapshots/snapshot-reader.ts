import type { SupportedObject } from '../../../shared/model/schema';
import type { GetPathData, InstancesPathData } from '../../../shared/model/values';

/**
 * What a snapshot capture needs from a live agent. The controller implements it with
 * GetSupportedDM (return everything), GetInstances (first_level_only=false) and Get;
 * per-path failures come back as data (err_code), transport failures as rejections.
 */
export interface SnapshotReader {
  getSupportedDM(paths: string[]): Promise<SupportedObject[]>;
  getInstances(paths: string[]): Promise<InstancesPathData[]>;
  /** A Get of `paths`; `maxDepth` 0/absent = whole subtrees (messages.md §2). */
  get(paths: string[], maxDepth?: number): Promise<GetPathData[]>;
}
