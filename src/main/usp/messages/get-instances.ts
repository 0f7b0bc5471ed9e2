import type { usp } from '../generated/usp-proto.js';
import { copyMap, expectBody, requestMsg } from './common';

export interface GetInstancesRequest {
  /** Paths or search paths of tables, e.g. "Device.WiFi.SSID.". */
  objPaths: string[];
  /** true = only instances of the addressed tables, not of nested tables. */
  firstLevelOnly?: boolean;
}

export interface CurrentInstance {
  /** Instance path ending in '.', e.g. "Device.WiFi.SSID.1.". */
  path: string;
  /** Relative unique-key name -> value (unreadable keys left out, R-GIN.1). */
  uniqueKeys: Record<string, string>;
}

export interface GetInstancesResult {
  requestedPaths: { requestedPath: string; errCode: number; errMsg: string; instances: CurrentInstance[] }[];
}

export function buildGetInstances(msgId: string, request: GetInstancesRequest): usp.IMsg {
  const getInstances: usp.IGetInstances = { obj_paths: [...request.objPaths] };
  if (request.firstLevelOnly) getInstances.first_level_only = true;
  return requestMsg(msgId, 'get_instances', { get_instances: getInstances });
}

export function parseGetInstancesResp(msg: usp.IMsg): GetInstancesResult {
  const resp = expectBody(msg, 'get_instances_resp');
  return {
    requestedPaths: (resp.req_path_results ?? []).map((r) => ({
      requestedPath: r.requested_path ?? '',
      errCode: r.err_code ?? 0,
      errMsg: r.err_msg ?? '',
      instances: (r.curr_insts ?? []).map((i) => ({ path: i.instantiated_obj_path ?? '', uniqueKeys: copyMap(i.unique_keys) })),
    })),
  };
}
