import { usp } from '../../usp/generated/usp-proto.js';

const MsgType = usp.Header.MsgType;

type ResponseMember = keyof Omit<usp.IResponse, never>;

const RESPONSE_TYPES: Record<string, usp.Header.MsgType> = {
  get_resp: MsgType.GET_RESP,
  get_supported_dm_resp: MsgType.GET_SUPPORTED_DM_RESP,
  get_instances_resp: MsgType.GET_INSTANCES_RESP,
  set_resp: MsgType.SET_RESP,
  add_resp: MsgType.ADD_RESP,
  delete_resp: MsgType.DELETE_RESP,
  operate_resp: MsgType.OPERATE_RESP,
  notify_resp: MsgType.NOTIFY_RESP,
  get_supported_protocol_resp: MsgType.GET_SUPPORTED_PROTO_RESP,
};

/** A response Msg; Header.msg_type always matches the body (obuspa dispatches on it). */
export function responseOf(msgId: string, member: ResponseMember, body: usp.IResponse[ResponseMember]): usp.IMsg {
  return {
    header: { msg_id: msgId, msg_type: RESPONSE_TYPES[member] ?? MsgType.ERROR },
    body: { response: { [member]: body } },
  };
}

export interface ErrorParam {
  paramPath: string;
  errCode: number;
  errMsg: string;
}

/** A USP Error message answering msgId. */
export function errorOf(msgId: string, errCode: number, errMsg: string, paramErrs: ErrorParam[] = []): usp.IMsg {
  return {
    header: { msg_id: msgId, msg_type: MsgType.ERROR },
    body: {
      error: {
        err_code: errCode,
        err_msg: errMsg,
        param_errs: paramErrs.map((p) => ({ param_path: p.paramPath, err_code: p.errCode, err_msg: p.errMsg })),
      },
    },
  };
}
