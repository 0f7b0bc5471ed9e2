import { usp } from '../generated/usp-proto.js';
import { MSG_TYPE_OF_KIND, messageKind, type MessageKind, type RequestKind, type ResponseKind } from '../message-kind';

/** A per-parameter failure inside an otherwise successful result (Add/Set ParameterError). */
export interface ParamError {
  param: string;
  errCode: number;
  errMsg: string;
}

/** One parameter setting of an Add CreateObject or Set UpdateObject. */
export interface ParamSetting {
  param: string;
  value: string;
  /** true = the object fails if this parameter cannot be set. */
  required?: boolean;
}

/** A Msg carrying one request, with Header.msg_type matching it (obuspa dispatches on msg_type). */
export function requestMsg(msgId: string, kind: RequestKind, request: usp.IRequest): usp.IMsg {
  return { header: { msg_id: msgId, msg_type: MSG_TYPE_OF_KIND[kind] }, body: { request } };
}

/** A Msg carrying one response, with Header.msg_type matching it. */
export function responseMsg(msgId: string, kind: ResponseKind, response: usp.IResponse): usp.IMsg {
  return { header: { msg_id: msgId, msg_type: MSG_TYPE_OF_KIND[kind] }, body: { response } };
}

/**
 * The USP Error message an agent sent instead of the expected response. This is data about the
 * request's outcome (a whole-request failure), thrown so callers cannot mistake it for a result.
 */
export class UspErrorResponse extends Error {
  readonly msgId: string;
  readonly errCode: number;
  readonly errMsg: string;
  readonly paramErrs: { paramPath: string; errCode: number; errMsg: string }[];

  constructor(msgId: string, error: usp.IError) {
    const errCode = error.err_code ?? 0;
    const errMsg = error.err_msg ?? '';
    super(`USP Error ${errCode}${errMsg ? `: ${errMsg}` : ''}`);
    this.name = 'UspErrorResponse';
    this.msgId = msgId;
    this.errCode = errCode;
    this.errMsg = errMsg;
    this.paramErrs = (error.param_errs ?? []).map((p) => ({
      paramPath: p.param_path ?? '',
      errCode: p.err_code ?? 0,
      errMsg: p.err_msg ?? '',
    }));
  }
}

/** A message of another kind than the one a parser was asked to read (e.g. a GetResp given to parseSetResp). */
export class UnexpectedResponseError extends Error {
  readonly msgId: string;
  readonly expected: MessageKind;
  readonly actual: MessageKind | undefined;

  constructor(msgId: string, expected: MessageKind, actual: MessageKind | undefined) {
    super(`expected a ${expected} message but got ${actual ?? 'a message with no body'} (msg_id "${msgId}")`);
    this.name = 'UnexpectedResponseError';
    this.msgId = msgId;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The body member of the expected kind. Throws UspErrorResponse when the message is a USP Error
 * and UnexpectedResponseError when it is any other kind.
 */
export function expectBody<K extends ResponseKind>(msg: usp.IMsg, kind: K): NonNullable<usp.IResponse[K]>;
export function expectBody<K extends RequestKind>(msg: usp.IMsg, kind: K): NonNullable<usp.IRequest[K]>;
export function expectBody(msg: usp.IMsg, kind: RequestKind | ResponseKind): object {
  const msgId = msg.header?.msg_id ?? '';
  const actual = messageKind(msg);
  if (actual === 'error') throw new UspErrorResponse(msgId, msg.body?.error ?? {});
  const holder = (msg.body?.response ?? msg.body?.request ?? {}) as Record<string, unknown>;
  const body = holder[kind];
  if (actual !== kind || body == null || typeof body !== 'object') throw new UnexpectedResponseError(msgId, kind, actual);
  return body;
}

/**
 * A plain copy of a protobuf map<string,string>. Keys come from the network, so "__proto__" is
 * defined as an own property instead of being assigned (which would replace the prototype).
 */
export function copyMap(map: { [k: string]: string } | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!map) return out;
  for (const key of Object.keys(map)) setEntry(out, key, map[key] ?? '');
  return out;
}

/** Sets one entry of a string map, safe for any key. */
export function setEntry(target: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function toParamErrors(errs: readonly { param?: string | null; err_code?: number | null; err_msg?: string | null }[] | null | undefined): ParamError[] {
  return (errs ?? []).map((e) => ({ param: e.param ?? '', errCode: e.err_code ?? 0, errMsg: e.err_msg ?? '' }));
}

export function toParamSettings(params: readonly ParamSetting[]): { param: string; value: string; required?: boolean }[] {
  return params.map((p) => (p.required ? { param: p.param, value: p.value, required: true } : { param: p.param, value: p.value }));
}

/** The OperationFailure side of a per-path Add/Delete/Register/Deregister result. */
export interface OperFailureResult {
  requestedPath: string;
  ok: false;
  errCode: number;
  errMsg: string;
}

interface OperStatusResult<S> {
  requested_path?: string | null;
  oper_status?: { oper_failure?: { err_code?: number | null; err_msg?: string | null } | null; oper_success?: S | null } | null;
}

/** Reads one requested_path + oper_status result; `success` reads the oper_success fields (absent on a malformed status). */
export function toOperResult<S, T extends object>(
  r: OperStatusResult<S>,
  success: (s: S | null | undefined) => T,
): ({ requestedPath: string; ok: true } & T) | OperFailureResult {
  const requestedPath = r.requested_path ?? '';
  const failure = r.oper_status?.oper_failure;
  if (failure) return { requestedPath, ok: false, errCode: failure.err_code ?? 0, errMsg: failure.err_msg ?? '' };
  return { requestedPath, ok: true, ...success(r.oper_status?.oper_success) };
}
