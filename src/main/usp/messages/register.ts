import type { usp } from '../generated/usp-proto.js';
import { expectBody, requestMsg, toOperResult } from './common';

/** Register (USP 1.3+): a USP Service asks its Broker's controller to own data-model paths. */
export interface RegisterRequest {
  allowPartial: boolean;
  /** Object, parameter, command or event paths without instance numbers or {i}. */
  paths: string[];
}

export type RegisteredPathResult =
  | { requestedPath: string; ok: true; registeredPath: string }
  | { requestedPath: string; ok: false; errCode: number; errMsg: string };

export interface RegisterResult {
  registeredPaths: RegisteredPathResult[];
}

export type DeregisteredPathResult =
  | { requestedPath: string; ok: true; deregisteredPaths: string[] }
  | { requestedPath: string; ok: false; errCode: number; errMsg: string };

export interface DeregisterResult {
  deregisteredPaths: DeregisteredPathResult[];
}

export function buildRegister(msgId: string, request: RegisterRequest): usp.IMsg {
  return requestMsg(msgId, 'register', { register: { allow_partial: request.allowPartial, reg_paths: request.paths.map((path) => ({ path })) } });
}

/** Deregister; an empty-string path means everything this service registered. */
export function buildDeregister(msgId: string, paths: readonly string[]): usp.IMsg {
  return requestMsg(msgId, 'deregister', { deregister: { paths: [...paths] } });
}

export function parseRegisterResp(msg: usp.IMsg): RegisterResult {
  const resp = expectBody(msg, 'register_resp');
  return {
    registeredPaths: (resp.registered_path_results ?? []).map(
      (r): RegisteredPathResult => toOperResult(r, (success) => ({ registeredPath: success?.registered_path ?? '' })),
    ),
  };
}

/** Reads a DeregisterResp (always a response, never an Error: R-DEREG.4). */
export function parseDeregisterResp(msg: usp.IMsg): DeregisterResult {
  const resp = expectBody(msg, 'deregister_resp');
  return {
    deregisteredPaths: (resp.deregistered_path_results ?? []).map(
      (r): DeregisteredPathResult => toOperResult(r, (success) => ({ deregisteredPaths: [...(success?.deregistered_path ?? [])] })),
    ),
  };
}
