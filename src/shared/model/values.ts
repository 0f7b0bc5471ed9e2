import type { ParamType } from './schema';

/** One object instance we know exists, e.g. `Device.WiFi.SSID.1.`. */
export interface InstanceRow {
  path: string;
  uniqueKeys: Record<string, string>;
  readAt: number;
}

/** One parameter value, with the time it was read from the agent. */
export interface ValueRow {
  path: string;
  value: string;
  type?: ParamType;
  readAt: number;
}

/** A cached value as the offline UI shows it: how old it is at the time of the query. */
export interface CachedValue extends ValueRow {
  ageMs: number;
}

/** One `resolved_path_results` entry of a GetResp: params relative to `resolvedPath`. */
export interface ResolvedPathData {
  resolvedPath: string;
  params: Record<string, string>;
}

/** One `req_path_results` entry of a GetResp. */
export interface GetPathData {
  requestedPath: string;
  errCode: number;
  resolved: ResolvedPathData[];
}

/** One `req_path_results` entry of a GetInstancesResp. */
export interface InstancesPathData {
  requestedPath: string;
  errCode: number;
  instances: { path: string; uniqueKeys: Record<string, string> }[];
}
