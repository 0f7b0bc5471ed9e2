import { usp } from './generated/usp-proto.js';

/** Members of `usp.Request.req_type`. */
export type RequestKind =
  | 'get'
  | 'get_supported_dm'
  | 'get_instances'
  | 'set'
  | 'add'
  | 'delete'
  | 'operate'
  | 'notify'
  | 'get_supported_protocol'
  | 'register'
  | 'deregister';

/** Members of `usp.Response.resp_type`. */
export type ResponseKind =
  | 'get_resp'
  | 'get_supported_dm_resp'
  | 'get_instances_resp'
  | 'set_resp'
  | 'add_resp'
  | 'delete_resp'
  | 'operate_resp'
  | 'notify_resp'
  | 'get_supported_protocol_resp'
  | 'register_resp'
  | 'deregister_resp';

/** What a USP Msg carries: the body member name, or 'error' for `Body.error`. */
export type MessageKind = RequestKind | ResponseKind | 'error';

const MsgType = usp.Header.MsgType;

/**
 * Header.msg_type that belongs to each body member. The MsgType numbers are not
 * the oneof field numbers, so this table is the only place the pairing is written down.
 */
export const MSG_TYPE_OF_KIND: Readonly<Record<MessageKind, usp.Header.MsgType>> = {
  error: MsgType.ERROR,
  get: MsgType.GET,
  get_resp: MsgType.GET_RESP,
  notify: MsgType.NOTIFY,
  set: MsgType.SET,
  set_resp: MsgType.SET_RESP,
  operate: MsgType.OPERATE,
  operate_resp: MsgType.OPERATE_RESP,
  add: MsgType.ADD,
  add_resp: MsgType.ADD_RESP,
  delete: MsgType.DELETE,
  delete_resp: MsgType.DELETE_RESP,
  get_supported_dm: MsgType.GET_SUPPORTED_DM,
  get_supported_dm_resp: MsgType.GET_SUPPORTED_DM_RESP,
  get_instances: MsgType.GET_INSTANCES,
  get_instances_resp: MsgType.GET_INSTANCES_RESP,
  notify_resp: MsgType.NOTIFY_RESP,
  get_supported_protocol: MsgType.GET_SUPPORTED_PROTO,
  get_supported_protocol_resp: MsgType.GET_SUPPORTED_PROTO_RESP,
  register: MsgType.REGISTER,
  register_resp: MsgType.REGISTER_RESP,
  deregister: MsgType.DEREGISTER,
  deregister_resp: MsgType.DEREGISTER_RESP,
};

/** Name of a Header.msg_type number as the spec spells it, or undefined for numbers outside 0-22. */
export function msgTypeName(msgType: number): string | undefined {
  const name = (MsgType as unknown as Record<number, string | undefined>)[msgType];
  return typeof name === 'string' ? name : undefined;
}

/**
 * The body member a Msg carries: 'get', 'get_resp', …, or 'error'. Undefined when the body or
 * its oneof is missing (decodeMsg rejects such messages, so this only happens for hand-built ones).
 */
export function messageKind(msg: usp.IMsg): MessageKind | undefined {
  const body = msg.body;
  if (!body) return undefined;
  if (body.msg_body === 'request' || (!body.msg_body && body.request)) return body.request?.req_type ?? requestMember(body.request);
  if (body.msg_body === 'response' || (!body.msg_body && body.response)) return body.response?.resp_type ?? responseMember(body.response);
  if (body.msg_body === 'error' || body.error) return 'error';
  return undefined;
}

const REQUEST_KINDS: readonly RequestKind[] = [
  'get',
  'get_supported_dm',
  'get_instances',
  'set',
  'add',
  'delete',
  'operate',
  'notify',
  'get_supported_protocol',
  'register',
  'deregister',
];

const RESPONSE_KINDS: readonly ResponseKind[] = REQUEST_KINDS.map((k) => `${k}_resp` as ResponseKind);

// Built messages (usp.IMsg literals) need not name their oneof; find the member that is set.
function requestMember(request: usp.IRequest | null | undefined): RequestKind | undefined {
  if (!request) return undefined;
  return REQUEST_KINDS.find((k) => request[k] != null);
}

function responseMember(response: usp.IResponse | null | undefined): ResponseKind | undefined {
  if (!response) return undefined;
  return RESPONSE_KINDS.find((k) => response[k] != null);
}
