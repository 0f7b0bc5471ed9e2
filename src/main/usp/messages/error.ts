import type { usp } from '../generated/usp-proto.js';
import { MSG_TYPE_OF_KIND, messageKind } from '../message-kind';
import { UnexpectedResponseError } from './common';

/** Per-path detail of an Error (mainly Add/Set/Delete with allow_partial=false). */
export interface ErrorParamDetail {
  /** Full path of the failing object or parameter. */
  paramPath: string;
  errCode: number;
  errMsg: string;
}

export interface UspErrorData {
  errCode: number;
  errMsg: string;
  paramErrs: ErrorParamDetail[];
}

/** A USP Error message answering msgId (either side may send one instead of a response). */
export function buildErrorMsg(msgId: string, error: { errCode: number; errMsg: string; paramErrs?: ErrorParamDetail[] }): usp.IMsg {
  return {
    header: { msg_id: msgId, msg_type: MSG_TYPE_OF_KIND.error },
    body: {
      error: {
        err_code: error.errCode,
        err_msg: error.errMsg,
        param_errs: (error.paramErrs ?? []).map((p) => ({ param_path: p.paramPath, err_code: p.errCode, err_msg: p.errMsg })),
      },
    },
  };
}

/** Reads an Error message; throws UnexpectedResponseError when the message is not one. */
export function parseErrorMsg(msg: usp.IMsg): UspErrorData {
  const kind = messageKind(msg);
  const error = msg.body?.error;
  if (kind !== 'error' || !error) throw new UnexpectedResponseError(msg.header?.msg_id ?? '', 'error', kind);
  return {
    errCode: error.err_code ?? 0,
    errMsg: error.err_msg ?? '',
    paramErrs: (error.param_errs ?? []).map((p) => ({ paramPath: p.param_path ?? '', errCode: p.err_code ?? 0, errMsg: p.err_msg ?? '' })),
  };
}
