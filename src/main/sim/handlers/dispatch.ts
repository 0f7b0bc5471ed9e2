import { usp } from '../../usp/generated/usp-proto.js';
import type { HandlerContext } from './context';
import { handleAdd } from './add';
import { handleDelete } from './delete';
import { handleGet } from './get';
import { handleGetInstances } from './get-instances';
import { handleGetSupportedDM } from './get-supported-dm';
import { handleGetSupportedProtocol } from './get-supported-protocol';
import { handleOperate } from './operate';
import { errorOf, responseOf } from './respond';
import { handleSet } from './set';
import { USP_ERR_MESSAGE_NOT_SUPPORTED, USP_ERR_REQUEST_DENIED } from '../../../shared/usp-error-codes';

const T = usp.Header.MsgType;

/** Which Request member each request msg_type must carry (obuspa dispatches on msg_type). */
const REQUEST_MEMBER: Partial<Record<usp.Header.MsgType, keyof usp.IRequest>> = {
  [T.GET]: 'get',
  [T.SET]: 'set',
  [T.ADD]: 'add',
  [T.DELETE]: 'delete',
  [T.OPERATE]: 'operate',
  [T.GET_SUPPORTED_DM]: 'get_supported_dm',
  [T.GET_INSTANCES]: 'get_instances',
  [T.GET_SUPPORTED_PROTO]: 'get_supported_protocol',
};

/** What the agent does with one decoded Msg from its controller. */
export interface DispatchHooks {
  /** A NotifyResp arrived: stop retrying the Notify with this msg_id (subscription_id is not used for matching, like obuspa). */
  notifyResp(msgId: string): void;
}

/**
 * Answers one Msg from a controller: the response or Error to send back, or null when
 * nothing is sent (responses, NotifyResp, Operate with send_resp=false).
 */
export function dispatchMessage(ctx: HandlerContext, hooks: DispatchHooks, msg: usp.IMsg): usp.IMsg | null {
  const msgId = msg.header?.msg_id ?? '';
  const type = msg.header?.msg_type ?? T.ERROR;
  if (type === T.NOTIFY_RESP) {
    if (!msg.body?.response?.notify_resp) return errorOf(msgId, USP_ERR_MESSAGE_NOT_SUPPORTED, 'NOTIFY_RESP without a NotifyResp body');
    hooks.notifyResp(msgId);
    return null;
  }
  if (type === T.NOTIFY || type === T.REGISTER || type === T.DEREGISTER) {
    return errorOf(msgId, USP_ERR_REQUEST_DENIED, 'agent-originated message type sent by a controller');
  }
  const member = REQUEST_MEMBER[type];
  if (!member) return null; // other responses and Errors: nothing to answer (R-MSG.9)
  const request = msg.body?.request;
  const body = request?.[member];
  if (!request || !body) return errorOf(msgId, USP_ERR_MESSAGE_NOT_SUPPORTED, `msg_type ${T[type]} does not match the message body`);
  switch (member) {
    case 'get':
      return responseOf(msgId, 'get_resp', handleGet(ctx, body as usp.IGet));
    case 'set':
      return handleSet(ctx, msgId, body as usp.ISet);
    case 'add':
      return handleAdd(ctx, msgId, body as usp.IAdd);
    case 'delete':
      return handleDelete(ctx, msgId, body as usp.IDelete);
    case 'operate':
      return handleOperate(ctx, msgId, body as usp.IOperate);
    case 'get_supported_dm':
      return responseOf(msgId, 'get_supported_dm_resp', handleGetSupportedDM(ctx, body as usp.IGetSupportedDM));
    case 'get_instances':
      return responseOf(msgId, 'get_instances_resp', handleGetInstances(ctx, body as usp.IGetInstances));
    default:
      return responseOf(msgId, 'get_supported_protocol_resp', handleGetSupportedProtocol(ctx));
  }
}
