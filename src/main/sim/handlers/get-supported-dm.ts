import { usp } from '../../usp/generated/usp-proto.js';
import { parsePath, toSupportedPath } from '../../../shared/paths';
import type { SchemaNode } from '../model/schema';
import type { BaseType, ParamDef } from '../model/schema-types';
import type { HandlerContext } from './context';
import { USP_ERR_INVALID_PATH, USP_ERR_INVALID_PATH_SYNTAX } from '../../../shared/usp-error-codes';

const GSDM = usp.GetSupportedDMResp;

/** The data model this simulator implements (obuspa reports urn:broadband-forum-org:tr-181-2-12-0 for its own). */
export const DATA_MODEL_URI = 'urn:broadband-forum-org:tr-181-2-19-1';

const VALUE_TYPES: Record<BaseType, usp.GetSupportedDMResp.ParamValueType> = {
  base64: GSDM.ParamValueType.PARAM_BASE_64,
  boolean: GSDM.ParamValueType.PARAM_BOOLEAN,
  dateTime: GSDM.ParamValueType.PARAM_DATE_TIME,
  decimal: GSDM.ParamValueType.PARAM_DECIMAL,
  hexBinary: GSDM.ParamValueType.PARAM_HEX_BINARY,
  int: GSDM.ParamValueType.PARAM_INT,
  long: GSDM.ParamValueType.PARAM_LONG,
  string: GSDM.ParamValueType.PARAM_STRING,
  unsignedInt: GSDM.ParamValueType.PARAM_UNSIGNED_INT,
  unsignedLong: GSDM.ParamValueType.PARAM_UNSIGNED_LONG,
};

interface Flags {
  commands: boolean;
  events: boolean;
  params: boolean;
  keys: boolean;
}

function paramResult(def: ParamDef): usp.GetSupportedDMResp.ISupportedParamResult {
  return {
    param_name: def.name,
    // writeOnceReadOnly shows as READ_WRITE.
    access: def.access === 'R' ? GSDM.ParamAccessType.PARAM_READ_ONLY : GSDM.ParamAccessType.PARAM_READ_WRITE,
    value_type: VALUE_TYPES[def.base],
    value_change: GSDM.ValueChangeType.VALUE_CHANGE_ALLOWED,
  };
}

function objectResult(node: SchemaNode, flags: Flags, only?: { kind: 'parameter' | 'command' | 'event'; name: string }): usp.GetSupportedDMResp.ISupportedObjectResult {
  const pick = <T extends { name: string }>(kind: string, items: Iterable<T>, wanted: boolean): T[] =>
    only ? (only.kind === kind ? [...items].filter((i) => i.name === only.name) : []) : wanted ? [...items] : [];
  return {
    supported_obj_path: node.path,
    access: node.multi && node.access === 'RW' ? GSDM.ObjAccessType.OBJ_ADD_DELETE : GSDM.ObjAccessType.OBJ_READ_ONLY,
    is_multi_instance: node.multi,
    supported_params: pick('parameter', node.params.values(), flags.params).map(paramResult),
    supported_commands: pick('command', node.commands.values(), flags.commands).map((c) => ({
      command_name: c.name,
      input_arg_names: c.input.map((a) => a.name),
      output_arg_names: c.output.map((a) => a.name),
      command_type: c.async ? GSDM.CmdType.CMD_ASYNC : GSDM.CmdType.CMD_SYNC,
    })),
    supported_events: pick('event', node.events.values(), flags.events).map((e) => ({ event_name: e.name, arg_names: e.args.map((a) => a.name) })),
    unique_key_sets: !only && flags.keys ? node.uniqueKeys.map((k) => ({ key_names: [...k] })) : [],
  };
}

function subtree(node: SchemaNode, out: SchemaNode[]): void {
  out.push(node);
  for (const child of node.children) subtree(child, out);
}

/** GetSupportedDM: the schema below each path, in `{i}` notation. */
export function handleGetSupportedDM(ctx: HandlerContext, req: usp.IGetSupportedDM): usp.IGetSupportedDMResp {
  const flags: Flags = {
    commands: req.return_commands ?? false,
    events: req.return_events ?? false,
    params: req.return_params ?? false,
    keys: req.return_unique_key_sets ?? false,
  };
  const results = (req.obj_paths ?? []).map((requested): usp.GetSupportedDMResp.IRequestedObjectResult => {
    const failure = (code: number, msg: string) => ({ req_obj_path: requested, err_code: code, err_msg: msg, data_model_inst_uri: DATA_MODEL_URI });
    const parsed = parsePath(requested, { allowSupportedInstances: true, allowReferences: false });
    if (!parsed.ok) return failure(USP_ERR_INVALID_PATH_SYNTAX, parsed.error.message);
    if (parsed.path.isSearchPath) return failure(USP_ERR_INVALID_PATH_SYNTAX, `${requested}: GetSupportedDM takes no search paths`);
    const supported = toSupportedPath(requested);
    const kind = parsed.path.kind;
    let objectPath = supported;
    let only: { kind: 'parameter' | 'command' | 'event'; name: string } | undefined;
    if (kind !== 'object') {
      const cut = supported.lastIndexOf('.');
      objectPath = supported.slice(0, cut + 1);
      only = { kind, name: supported.slice(cut + 1) };
    }
    // The trailing `{i}.` of a table may be dropped: `Device.WiFi.SSID.` = `Device.WiFi.SSID.{i}.`.
    const node = ctx.model.schema.node(objectPath) ?? ctx.model.schema.node(`${objectPath}{i}.`);
    if (!node) return failure(USP_ERR_INVALID_PATH, `${requested}: not in the supported data model`);
    if (only) {
      const o = only;
      const known = o.kind === 'parameter' ? node.params.has(o.name) : o.kind === 'command' ? node.commands.has(o.name) : node.events.has(o.name);
      if (!known) return failure(USP_ERR_INVALID_PATH, `${requested}: not in the supported data model`);
      return { req_obj_path: requested, err_code: 0, data_model_inst_uri: DATA_MODEL_URI, supported_objs: [objectResult(node, flags, o)] };
    }
    const objs: usp.GetSupportedDMResp.ISupportedObjectResult[] = [];
    if (req.first_level_only) {
      objs.push(objectResult(node, flags));
      const bare: Flags = { commands: false, events: false, params: false, keys: false };
      for (const child of node.children) objs.push(objectResult(child, bare));
    } else {
      const nodes: SchemaNode[] = [];
      subtree(node, nodes);
      for (const n of nodes) objs.push(objectResult(n, flags));
    }
    return { req_obj_path: requested, err_code: 0, data_model_inst_uri: DATA_MODEL_URI, supported_objs: objs };
  });
  return { req_obj_results: results };
}
