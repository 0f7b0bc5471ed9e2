import type { usp } from '../generated/usp-proto.js';
import { copyMap, expectBody, requestMsg, responseMsg } from './common';

/** Outcome of an asynchronous command reported by OperationComplete. */
export type OperationCompleteResult = { ok: true; outputArgs: Record<string, string> } | { ok: false; errCode: number; errMsg: string };

/** The six Notify kinds, discriminated by their wire member name. */
export type Notification =
  | { kind: 'event'; objPath: string; eventName: string; params: Record<string, string> }
  | { kind: 'value_change'; paramPath: string; paramValue: string }
  | { kind: 'obj_creation'; objPath: string; uniqueKeys: Record<string, string> }
  | { kind: 'obj_deletion'; objPath: string }
  | { kind: 'oper_complete'; objPath: string; commandName: string; commandKey: string; result: OperationCompleteResult }
  | { kind: 'on_board_req'; oui: string; productClass: string; serialNumber: string; agentSupportedProtocolVersions: string };

export interface NotifyData {
  msgId: string;
  /** Subscription.{i}.ID that fired; "" for OnBoardRequest (R-NOT.7). */
  subscriptionId: string;
  /** true = the controller must answer with NotifyResp carrying the same msg_id (R-NOT.10). */
  sendResp: boolean;
  notification: Notification;
}

export interface NotifyRequest {
  subscriptionId: string;
  sendResp: boolean;
  notification: Notification;
}

/** A Notify, as an agent (the simulator) sends it. */
export function buildNotify(msgId: string, request: NotifyRequest): usp.IMsg {
  const notify: usp.INotify = { subscription_id: request.subscriptionId, send_resp: request.sendResp };
  const n = request.notification;
  switch (n.kind) {
    case 'event':
      notify.event = { obj_path: n.objPath, event_name: n.eventName, params: copyMap(n.params) };
      break;
    case 'value_change':
      notify.value_change = { param_path: n.paramPath, param_value: n.paramValue };
      break;
    case 'obj_creation':
      notify.obj_creation = { obj_path: n.objPath, unique_keys: copyMap(n.uniqueKeys) };
      break;
    case 'obj_deletion':
      notify.obj_deletion = { obj_path: n.objPath };
      break;
    case 'oper_complete':
      notify.oper_complete = {
        obj_path: n.objPath,
        command_name: n.commandName,
        command_key: n.commandKey,
        ...(n.result.ok
          ? { req_output_args: { output_args: copyMap(n.result.outputArgs) } }
          : { cmd_failure: { err_code: n.result.errCode, err_msg: n.result.errMsg } }),
      };
      break;
    case 'on_board_req':
      notify.on_board_req = {
        oui: n.oui,
        product_class: n.productClass,
        serial_number: n.serialNumber,
        agent_supported_protocol_versions: n.agentSupportedProtocolVersions,
      };
      break;
  }
  return requestMsg(msgId, 'notify', { notify });
}

/** The NotifyResp answering a Notify: same msg_id, subscription_id copied (R-NOT.10). */
export function buildNotifyResp(msgId: string, subscriptionId: string): usp.IMsg {
  return responseMsg(msgId, 'notify_resp', { notify_resp: { subscription_id: subscriptionId } });
}

/** Reads a Notify request into a discriminated union; throws UnexpectedResponseError for other kinds. */
export function parseNotify(msg: usp.IMsg): NotifyData {
  const notify = expectBody(msg, 'notify');
  return {
    msgId: msg.header?.msg_id ?? '',
    subscriptionId: notify.subscription_id ?? '',
    sendResp: notify.send_resp ?? false,
    notification: toNotification(notify),
  };
}

function toNotification(n: usp.INotify): Notification {
  if (n.event) {
    return { kind: 'event', objPath: n.event.obj_path ?? '', eventName: n.event.event_name ?? '', params: copyMap(n.event.params) };
  }
  if (n.value_change) {
    return { kind: 'value_change', paramPath: n.value_change.param_path ?? '', paramValue: n.value_change.param_value ?? '' };
  }
  if (n.obj_creation) {
    return { kind: 'obj_creation', objPath: n.obj_creation.obj_path ?? '', uniqueKeys: copyMap(n.obj_creation.unique_keys) };
  }
  if (n.obj_deletion) return { kind: 'obj_deletion', objPath: n.obj_deletion.obj_path ?? '' };
  if (n.oper_complete) {
    const oc = n.oper_complete;
    const failure = oc.cmd_failure;
    return {
      kind: 'oper_complete',
      objPath: oc.obj_path ?? '',
      commandName: oc.command_name ?? '',
      commandKey: oc.command_key ?? '',
      result: failure
        ? { ok: false, errCode: failure.err_code ?? 0, errMsg: failure.err_msg ?? '' }
        : { ok: true, outputArgs: copyMap(oc.req_output_args?.output_args) },
    };
  }
  const ob = n.on_board_req ?? {};
  return {
    kind: 'on_board_req',
    oui: ob.oui ?? '',
    productClass: ob.product_class ?? '',
    serialNumber: ob.serial_number ?? '',
    agentSupportedProtocolVersions: ob.agent_supported_protocol_versions ?? '',
  };
}
