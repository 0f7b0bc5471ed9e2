import type { usp } from '../generated/usp-proto.js';
import { expectBody, requestMsg, setEntry } from './common';

/** One object (instance) that produced data, with parameter names relative to `path`. */
export interface GetResolvedObject {
  /** Object or instance path ending in '.', e.g. "Device.WiFi.SSID.1.". */
  path: string;
  params: Record<string, string>;
}

/** The outcome for one requested path; errCode 0 means this path succeeded. */
export interface GetRequestedPathResult {
  requestedPath: string;
  errCode: number;
  errMsg: string;
  resolved: GetResolvedObject[];
}

export interface GetResult {
  requestedPaths: GetRequestedPathResult[];
}

/**
 * A Get request. maxDepth 0 or absent = whole subtree; agents before USP 1.2
 * ignore it, so callers must not rely on depth limiting.
 */
export function buildGet(msgId: string, paths: readonly string[], maxDepth?: number): usp.IMsg {
  const get: usp.IGet = { param_paths: [...paths] };
  if (maxDepth) get.max_depth = maxDepth;
  return requestMsg(msgId, 'get', { get });
}

/**
 * Reads a GetResp. Per-path failures are data (errCode on the path). Both result layouts are
 * accepted: agents before USP 1.2 may put sub-object parameters into the parent's
 * result_params with dotted keys ("Stats.BytesSent"); those are moved to their own object
 * ("….Stats.") so callers always see the 1.2+ layout.
 */
export function parseGetResp(msg: usp.IMsg): GetResult {
  const resp = expectBody(msg, 'get_resp');
  return {
    requestedPaths: (resp.req_path_results ?? []).map((r) => ({
      requestedPath: r.requested_path ?? '',
      errCode: r.err_code ?? 0,
      errMsg: r.err_msg ?? '',
      resolved: resolvedObjects(r.resolved_path_results ?? []),
    })),
  };
}

function resolvedObjects(results: readonly usp.GetResp.IResolvedPathResult[]): GetResolvedObject[] {
  const byPath = new Map<string, GetResolvedObject>();
  const objectAt = (path: string): GetResolvedObject => {
    let obj = byPath.get(path);
    if (!obj) {
      obj = { path, params: {} };
      byPath.set(path, obj);
    }
    return obj;
  };
  for (const result of results) {
    const path = result.resolved_path ?? '';
    const own = objectAt(path);
    const params = result.result_params ?? {};
    for (const key of Object.keys(params)) {
      const value = params[key] ?? '';
      const dot = key.lastIndexOf('.');
      if (dot < 0) setEntry(own.params, key, value);
      else setEntry(objectAt(path + key.slice(0, dot + 1)).params, key.slice(dot + 1), value);
    }
  }
  return [...byPath.values()];
}
