import type { usp } from '../generated/usp-proto.js';
import {
  PARAM_TYPES,
  type CommandType,
  type ObjectAccess,
  type ParamAccess,
  type ParamType,
  type SupportedObject as ModelSupportedObject,
  type ValueChangeSupport,
} from '../../../shared/model/schema';
import { expectBody, requestMsg } from './common';

export interface GetSupportedDMRequest {
  /** Supported-model paths ({i} notation) or instantiated paths; since 1.4 also param/command/event paths. */
  objPaths: string[];
  firstLevelOnly?: boolean;
  returnCommands?: boolean;
  returnEvents?: boolean;
  returnParams?: boolean;
  /** USP 1.4 only; older agents ignore it (use GetInstances unique_keys instead). */
  returnUniqueKeySets?: boolean;
}

export type {
  CommandType,
  ObjectAccess,
  ParamAccess,
  ParamType,
  SupportedCommand,
  SupportedEvent,
  ValueChangeSupport,
} from '../../../shared/model/schema';

export interface SupportedParam {
  name: string;
  access: ParamAccess;
  /** 'unknown' when the agent predates USP 1.2. */
  valueType: ParamType;
  /** 'willIgnore' = the agent ignores ValueChange subscriptions on this parameter. */
  valueChange: ValueChangeSupport;
}

/** The shared model's SupportedObject, except that parameters keep the wire's `valueType` (toModelObject renames it). */
export interface SupportedObject extends Omit<ModelSupportedObject, 'params'> {
  params: SupportedParam[];
}

export interface SupportedDMRequestedResult {
  requestedPath: string;
  errCode: number;
  errMsg: string;
  dataModelInstUri: string;
  objects: SupportedObject[];
}

export interface GetSupportedDMResult {
  requestedObjs: SupportedDMRequestedResult[];
}

const OBJECT_ACCESS: readonly ObjectAccess[] = ['readOnly', 'addDelete', 'addOnly', 'deleteOnly'];
const PARAM_ACCESS: readonly ParamAccess[] = ['readOnly', 'readWrite', 'writeOnly'];
const VALUE_CHANGES: readonly ValueChangeSupport[] = ['unknown', 'allowed', 'willIgnore'];
const COMMAND_TYPES: readonly CommandType[] = ['unknown', 'sync', 'async'];

export function buildGetSupportedDM(msgId: string, request: GetSupportedDMRequest): usp.IMsg {
  const gsdm: usp.IGetSupportedDM = { obj_paths: [...request.objPaths] };
  if (request.firstLevelOnly) gsdm.first_level_only = true;
  if (request.returnCommands) gsdm.return_commands = true;
  if (request.returnEvents) gsdm.return_events = true;
  if (request.returnParams) gsdm.return_params = true;
  if (request.returnUniqueKeySets) gsdm.return_unique_key_sets = true;
  return requestMsg(msgId, 'get_supported_dm', { get_supported_dm: gsdm });
}

/**
 * Reads a GetSupportedDMResp. Fields added in USP 1.2 (value_type, value_change, command_type,
 * divergent_paths) and 1.4 (unique_key_sets) are absent from older agents and come out as
 * 'unknown' / empty lists.
 */
export function parseGetSupportedDMResp(msg: usp.IMsg): GetSupportedDMResult {
  const resp = expectBody(msg, 'get_supported_dm_resp');
  return {
    requestedObjs: (resp.req_obj_results ?? []).map((r) => ({
      requestedPath: r.req_obj_path ?? '',
      errCode: r.err_code ?? 0,
      errMsg: r.err_msg ?? '',
      dataModelInstUri: r.data_model_inst_uri ?? '',
      objects: (r.supported_objs ?? []).map(toSupportedObject),
    })),
  };
}

function toSupportedObject(o: usp.GetSupportedDMResp.ISupportedObjectResult): SupportedObject {
  return {
    path: o.supported_obj_path ?? '',
    access: pick(OBJECT_ACCESS, o.access),
    isMultiInstance: o.is_multi_instance ?? false,
    params: (o.supported_params ?? []).map((p) => ({
      name: p.param_name ?? '',
      access: pick(PARAM_ACCESS, p.access),
      // PARAM_TYPES lists the base types in the order of the wire enum ParamValueType.
      valueType: pick(PARAM_TYPES, p.value_type),
      valueChange: pick(VALUE_CHANGES, p.value_change),
    })),
    commands: (o.supported_commands ?? []).map((c) => ({
      name: c.command_name ?? '',
      type: pick(COMMAND_TYPES, c.command_type),
      inputArgs: [...(c.input_arg_names ?? [])],
      outputArgs: [...(c.output_arg_names ?? [])],
    })),
    events: (o.supported_events ?? []).map((e) => ({ name: e.event_name ?? '', args: [...(e.arg_names ?? [])] })),
    uniqueKeySets: (o.unique_key_sets ?? []).map((k) => [...(k.key_names ?? [])]),
    divergentPaths: [...(o.divergent_paths ?? [])],
  };
}

// Index 0 is each enum's default; out-of-range numbers cannot reach here from decodeMsg (it rejects them).
function pick<T>(names: readonly T[], value: number | null | undefined): T {
  return names[value ?? 0] ?? (names[0] as T);
}

