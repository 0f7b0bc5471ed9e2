import { usp } from './generated/usp-proto.js';
import { UspDecodeError } from './decode-error';
import { MSG_TYPE_OF_KIND, msgTypeName, type MessageKind } from './message-kind';
import { checkEnum } from './validate-record';

type StatusHolder = { oper_status?: { oper_status?: string } | null };

/**
 * Structural checks on a decoded Msg that protobufjs does not make: header and body
 * present, every oneof set, enum numbers known, and Header.msg_type naming the body actually
 * carried. The spec calls msg_type informational, but OB-USP-Agent dispatches on it, so a
 * mismatch is treated as a decode error rather than silently trusting either side.
 */
export function validateMsg(msg: usp.Msg): MessageKind {
  const header = msg.header;
  if (!header) throw new UspDecodeError('missing-field', 'Msg has no header');
  const body = msg.body;
  if (!body) throw new UspDecodeError('missing-field', 'Msg has no body');
  checkEnum(header.msg_type, 22, 'Header.msg_type', usp.Header.MsgType);
  const kind = bodyKind(body);
  const expected = MSG_TYPE_OF_KIND[kind];
  const actual = header.msg_type ?? 0;
  if (actual !== expected) {
    throw new UspDecodeError(
      'type-mismatch',
      `Header.msg_type is ${msgTypeName(actual)} (${actual}) but the body carries ${kind}, which needs ${msgTypeName(expected)} (${expected})`,
    );
  }
  checkBody(kind, body);
  return kind;
}

function bodyKind(body: usp.IBody): MessageKind {
  switch (body.msg_body) {
    case 'request': {
      const kind = body.request?.req_type;
      if (!kind) throw new UspDecodeError('missing-field', 'Request has no req_type member (empty, or a message type newer than USP 1.4)');
      return kind;
    }
    case 'response': {
      const kind = body.response?.resp_type;
      if (!kind) throw new UspDecodeError('missing-field', 'Response has no resp_type member (empty, or a message type newer than USP 1.4)');
      return kind;
    }
    case 'error':
      return 'error';
    default:
      throw new UspDecodeError('missing-field', 'Body has none of request, response, error set');
  }
}

function checkBody(kind: MessageKind, body: usp.IBody): void {
  const resp = body.response;
  switch (kind) {
    case 'set_resp':
      return checkStatuses(resp?.set_resp?.updated_obj_results, 'SetResp.updated_obj_results');
    case 'add_resp':
      return checkStatuses(resp?.add_resp?.created_obj_results, 'AddResp.created_obj_results');
    case 'delete_resp':
      return checkStatuses(resp?.delete_resp?.deleted_obj_results, 'DeleteResp.deleted_obj_results');
    case 'register_resp':
      return checkStatuses(resp?.register_resp?.registered_path_results, 'RegisterResp.registered_path_results');
    case 'deregister_resp':
      return checkStatuses(resp?.deregister_resp?.deregistered_path_results, 'DeregisterResp.deregistered_path_results');
    case 'operate_resp':
      return checkOperateResp(resp?.operate_resp);
    case 'get_supported_dm_resp':
      return checkSupportedDm(resp?.get_supported_dm_resp);
    case 'notify':
      return checkNotify(body.request?.notify);
    default:
      return;
  }
}

function checkStatuses(results: readonly StatusHolder[] | null | undefined, field: string): void {
  if (!results) return;
  for (let i = 0; i < results.length; i++) {
    if (!results[i]?.oper_status?.oper_status) {
      throw new UspDecodeError('missing-field', `${field}[${i}].oper_status has neither oper_failure nor oper_success`);
    }
  }
}

function checkOperateResp(resp: usp.IOperateResp | null | undefined): void {
  const results = resp?.operation_results ?? [];
  for (let i = 0; i < results.length; i++) {
    if (!results[i]?.operation_resp) {
      throw new UspDecodeError(
        'missing-field',
        `OperateResp.operation_results[${i}] has none of req_obj_path, req_output_args, cmd_failure`,
      );
    }
  }
}

function checkNotify(notify: usp.INotify | null | undefined): void {
  if (!notify?.notification) {
    throw new UspDecodeError(
      'missing-field',
      'Notify has no notification (none of event, value_change, obj_creation, obj_deletion, oper_complete, on_board_req)',
    );
  }
  if (notify.notification === 'oper_complete' && !notify.oper_complete?.operation_resp) {
    throw new UspDecodeError('missing-field', 'Notify.oper_complete has neither req_output_args nor cmd_failure');
  }
}

const Gsdm = usp.GetSupportedDMResp;

function checkSupportedDm(resp: usp.IGetSupportedDMResp | null | undefined): void {
  // A full data model has tens of thousands of parameters: ranges are tested inline and the
  // field path is only built for a value that is actually out of range. (A closure capturing the
  // loop indices would force them into a heap context and slow the whole walk several-fold.)
  const results = resp?.req_obj_results ?? [];
  for (let r = 0; r < results.length; r++) {
    const objs = results[r]?.supported_objs ?? [];
    for (let o = 0; o < objs.length; o++) {
      const obj = objs[o];
      if (!obj) continue;
      if (outOfRange(obj.access, 3)) checkEnum(obj.access, 3, `${objPath(r, o)}.access`, Gsdm.ObjAccessType);
      const params = obj.supported_params ?? [];
      for (let p = 0; p < params.length; p++) {
        const param = params[p];
        if (!param) continue;
        if (outOfRange(param.access, 2) || outOfRange(param.value_type, 10) || outOfRange(param.value_change, 2)) {
          const at = `${objPath(r, o)}.supported_params[${p}]`;
          checkEnum(param.access, 2, `${at}.access`, Gsdm.ParamAccessType);
          checkEnum(param.value_type, 10, `${at}.value_type`, Gsdm.ParamValueType);
          checkEnum(param.value_change, 2, `${at}.value_change`, Gsdm.ValueChangeType);
        }
      }
      const commands = obj.supported_commands ?? [];
      for (let c = 0; c < commands.length; c++) {
        const type = commands[c]?.command_type;
        if (outOfRange(type, 2)) checkEnum(type, 2, `${objPath(r, o)}.supported_commands[${c}].command_type`, Gsdm.CmdType);
      }
    }
  }
}

function objPath(r: number, o: number): string {
  return `GetSupportedDMResp.req_obj_results[${r}].supported_objs[${o}]`;
}

function outOfRange(value: number | null | undefined, max: number): boolean {
  return value != null && (value < 0 || value > max);
}
