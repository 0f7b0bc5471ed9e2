import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import * as m from '../../../src/main/usp/messages';

/** A response Msg answering `request` (test agents build their answers with it). */
export function respond(request: usp.Msg, kind: m.ResponseKind, response: usp.IResponse): usp.IMsg {
  return { header: { msg_id: request.header?.msg_id ?? '', msg_type: m.MSG_TYPE_OF_KIND[kind] }, body: { response } };
}

/** A USP Error answering `request`. */
export function errorFor(request: usp.Msg, errCode: number, errMsg: string): usp.IMsg {
  return m.buildErrorMsg(request.header?.msg_id ?? '', { errCode, errMsg });
}

/** Canned answers to every request kind a controller sends, as a small fixed agent would give them. */
export function cannedAnswer(request: usp.Msg): usp.IMsg | null {
  const req = request.body?.request;
  switch (m.messageKind(request)) {
    case 'get':
      return respond(request, 'get_resp', {
        get_resp: {
          req_path_results: (req?.get?.param_paths ?? []).map((path) =>
            path === 'Device.Nope.'
              ? { requested_path: path, err_code: 7026, err_msg: 'Invalid path' }
              : {
                  requested_path: path,
                  resolved_path_results: [{ resolved_path: 'Device.DeviceInfo.', result_params: { ModelName: 'RawAgent', SerialNumber: 'SN1' } }],
                },
          ),
        },
      });
    case 'set':
      return respond(request, 'set_resp', {
        set_resp: {
          updated_obj_results: (req?.set?.update_objs ?? []).map((o) => ({
            requested_path: o.obj_path ?? '',
            oper_status: {
              oper_success: {
                updated_inst_results: [
                  {
                    affected_path: o.obj_path ?? '',
                    updated_params: Object.fromEntries((o.param_settings ?? []).map((p) => [p.param ?? '', p.value ?? ''])),
                  },
                ],
              },
            },
          })),
        },
      });
    case 'add':
      return respond(request, 'add_resp', {
        add_resp: {
          created_obj_results: (req?.add?.create_objs ?? []).map((o, i) => ({
            requested_path: o.obj_path ?? '',
            oper_status: { oper_success: { instantiated_path: `${o.obj_path ?? ''}${i + 7}.`, unique_keys: { Alias: `cpe-${i + 7}` } } },
          })),
        },
      });
    case 'delete':
      return respond(request, 'delete_resp', {
        delete_resp: {
          deleted_obj_results: (req?.delete?.obj_paths ?? []).map((p) => ({
            requested_path: p,
            oper_status: { oper_success: { affected_paths: [p] } },
          })),
        },
      });
    case 'operate':
      return respond(request, 'operate_resp', {
        operate_resp: {
          operation_results: [{ executed_command: req?.operate?.command ?? '', req_output_args: { output_args: { Status: 'Done' } } }],
        },
      });
    case 'get_supported_dm':
      return respond(request, 'get_supported_dm_resp', {
        get_supported_dm_resp: {
          req_obj_results: (req?.get_supported_dm?.obj_paths ?? []).map((p) => ({
            req_obj_path: p,
            data_model_inst_uri: 'urn:broadband-forum-org:tr-181-2-12-0',
            supported_objs: [{ supported_obj_path: 'Device.DeviceInfo.', access: 0, supported_params: [{ param_name: 'ModelName', access: 0, value_type: 8 }] }],
          })),
        },
      });
    case 'get_instances':
      return respond(request, 'get_instances_resp', {
        get_instances_resp: {
          req_path_results: (req?.get_instances?.obj_paths ?? []).map((p) => ({
            requested_path: p,
            curr_insts: [{ instantiated_obj_path: `${p}1.`, unique_keys: { Alias: 'cpe-1' } }],
          })),
        },
      });
    case 'get_supported_protocol':
      return respond(request, 'get_supported_protocol_resp', {
        get_supported_protocol_resp: { agent_supported_protocol_versions: '1.0,1.1,1.2,1.3' },
      });
    default:
      return null;
  }
}
