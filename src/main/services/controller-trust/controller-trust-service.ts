import { USP_ERR_PERMISSION_DENIED } from '../../../shared/usp-error-codes';
import type { ControllerTrust } from '../../../shared/api/controller-trust';
import type { Controller } from '../../controller';
import { UspErrorResponse } from '../../usp/messages';
import { explainPermissionDenied, type TrustOperation } from './explain-permission';
import { readControllerTrust } from './read-controller-trust';

/** A 7006 inside a result (a requested path, an object, a parameter, a command), with a way to rewrite its message. */
export interface Denial {
  path: string;
  errMsg: string;
  rewrite(text: string): void;
}

/**
 * What each agent grants this console, read live (agent details), and the explanation of a
 * 7006 "Permission Denied": which role lacks which permission in the agent's ControllerTrust tables.
 */
export class ControllerTrustService {
  /** Reads in progress, so several requests denied at once read the agent's roles once. */
  private readonly reading = new Map<string, Promise<ControllerTrust>>();

  /** `controller` is the undecorated one: reading the roles must not be explained in turn. */
  constructor(private readonly controller: Pick<Controller, 'get' | 'endpointId'>) {}

  /** Reads it from the agent: one Get of Device.LocalAgent.Controller. and the roles. */
  read(agentId: string): Promise<ControllerTrust> {
    let read = this.reading.get(agentId);
    if (read === undefined) {
      read = readControllerTrust((paths) => this.controller.get(agentId, paths), agentId, this.controller.endpointId).finally(() => this.reading.delete(agentId));
      this.reading.set(agentId, read);
    }
    return read;
  }

  /**
   * Runs a request and, when the agent answered 7006 (an Error message, or some paths of the
   * response as `denied` finds them), reads the agent's roles once and adds to each 7006 message
   * which role lacks which permission. `paths` are what was asked for, for an Error message that
   * names none; `operation` may depend on the path (an Add's object and its parameters). If the roles cannot be read (the agent may deny that too), the 7006 stays as it was.
   */
  async explained<T>(agentId: string, operation: TrustOperation | ((path: string) => TrustOperation), paths: readonly string[], call: () => Promise<T>, denied: (result: T) => Denial[]): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (!(error instanceof UspErrorResponse) || (error.errCode !== USP_ERR_PERMISSION_DENIED && !error.paramErrs.some((p) => p.errCode === USP_ERR_PERMISSION_DENIED))) throw error;
      const explain = await this.explainer(agentId, operation);
      if (explain === undefined) throw error;
      const firstDenied = error.paramErrs.find((p) => p.errCode === USP_ERR_PERMISSION_DENIED)?.paramPath;
      throw new UspErrorResponse(error.msgId, {
        err_code: error.errCode,
        err_msg: error.errCode === USP_ERR_PERMISSION_DENIED ? appendWhy(error.errMsg, explain(firstDenied ?? paths[0] ?? '')) : error.errMsg,
        param_errs: error.paramErrs.map((p) => ({
          param_path: p.paramPath,
          err_code: p.errCode,
          err_msg: p.errCode === USP_ERR_PERMISSION_DENIED ? appendWhy(p.errMsg, explain(p.paramPath)) : p.errMsg,
        })),
      });
    }
    const found = denied(result);
    if (found.length === 0) return result;
    const explain = await this.explainer(agentId, operation);
    if (explain !== undefined) for (const d of found) d.rewrite(appendWhy(d.errMsg, explain(d.path)));
    return result;
  }

  private async explainer(agentId: string, operation: TrustOperation | ((path: string) => TrustOperation)): Promise<((path: string) => string) | undefined> {
    try {
      const trust = await this.read(agentId);
      return (path) => explainPermissionDenied(trust, typeof operation === 'function' ? operation(path) : operation, path);
    } catch {
      return undefined;
    }
  }
}

function appendWhy(errMsg: string, why: string): string {
  return `${errMsg || 'Permission Denied'} — ${why}`;
}
