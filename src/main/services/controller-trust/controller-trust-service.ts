import { USP_ERR_PERMISSION_DENIED } from '../../../shared/usp-error-codes';
import type { ControllerTrust } from '../../../shared/api/controller-trust';
import type { Controller } from '../../controller';
import { UspErrorResponse } from '../../usp/messages';
import { explainPermissionDenied, type TrustOperation } from './explain-permission';
import { readControllerTrust } from './read-controller-trust';

/** A per-path failure as edit results carry them. */
interface PathFailure {
  path: string;
  errCode: number;
  errMsg: string;
}

/**
 * What each agent grants this console, read live (agent details), and the explanation of a
 * 7006 "Permission Denied": which role lacks which permission in the agent's ControllerTrust tables.
 */
export class ControllerTrustService {
  constructor(private readonly controller: Controller) {}

  /** Reads it from the agent: one Get of Device.LocalAgent.Controller. and the roles. */
  read(agentId: string): Promise<ControllerTrust> {
    return readControllerTrust((paths) => this.controller.get(agentId, paths), agentId, this.controller.endpointId);
  }

  /**
   * Runs an edit and, when the agent answered 7006 (the whole request, or some paths), reads
   * the agent's roles once and adds to each 7006 message which role lacks which permission.
   * If the roles cannot be read (the agent may deny that too), the 7006 stays as it was.
   */
  async explained<T extends object>(agentId: string, operation: TrustOperation, paths: readonly string[], call: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (!(error instanceof UspErrorResponse) || (error.errCode !== USP_ERR_PERMISSION_DENIED && !error.paramErrs.some((p) => p.errCode === USP_ERR_PERMISSION_DENIED))) throw error;
      const explain = await this.explainer(agentId, operation);
      if (explain === undefined) throw error;
      throw new UspErrorResponse(error.msgId, {
        err_code: error.errCode,
        err_msg: error.errCode === USP_ERR_PERMISSION_DENIED ? appendWhy(error.errMsg, explain(paths[0] ?? '')) : error.errMsg,
        param_errs: error.paramErrs.map((p) => ({
          param_path: p.paramPath,
          err_code: p.errCode,
          err_msg: p.errCode === USP_ERR_PERMISSION_DENIED ? appendWhy(p.errMsg, explain(p.paramPath)) : p.errMsg,
        })),
      });
    }
    const denied = deniedIn(result);
    if (denied.length === 0) return result;
    const explain = await this.explainer(agentId, operation);
    if (explain !== undefined) for (const f of denied) f.rewrite(appendWhy(f.errMsg, explain(f.path)));
    return result;
  }

  private async explainer(agentId: string, operation: TrustOperation): Promise<((path: string) => string) | undefined> {
    try {
      const trust = await this.read(agentId);
      return (path) => explainPermissionDenied(trust, operation, path);
    } catch {
      return undefined;
    }
  }
}

function appendWhy(errMsg: string, why: string): string {
  return `${errMsg || 'Permission Denied'} — ${why}`;
}

/** The 7006 failures of Set/Add/Delete results and failed commands of an Operate result, each with a way to rewrite its message. */
function deniedIn(result: object): { path: string; errMsg: string; rewrite: (text: string) => void }[] {
  const r = result as { failures?: PathFailure[]; paramErrors?: PathFailure[]; results?: { executedCommand: string; outcome: { kind: string; errCode?: number; errMsg?: string } }[] };
  const out = [...(r.failures ?? []), ...(r.paramErrors ?? [])]
    .filter((f) => f.errCode === USP_ERR_PERMISSION_DENIED)
    .map((f) => ({ path: f.path, errMsg: f.errMsg, rewrite: (text: string) => void (f.errMsg = text) }));
  for (const op of r.results ?? []) {
    const outcome = op.outcome;
    if (outcome.kind === 'failure' && outcome.errCode === USP_ERR_PERMISSION_DENIED) {
      out.push({ path: op.executedCommand, errMsg: outcome.errMsg ?? '', rewrite: (text) => void (outcome.errMsg = text) });
    }
  }
  return out;
}
