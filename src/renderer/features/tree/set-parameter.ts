import { toConsoleApiError, type ConsoleApi, type ParamErrorData } from '../../../shared/console-api';
import { describeUspError } from '../../../shared/usp-error-codes';
import { explainError } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';

export type SetOutcome = { ok: true } | { ok: false; reason: string };

/**
 * The parameter's own reason first (a SetResp's or Error's param_errs: "longer than 32
 * characters"), then what its code means; the object-level "Required parameter failed" only
 * when the agent named nothing more precise.
 */
export function rejectionReason(path: string, failures: readonly ParamErrorData[]): string {
  const own = failures.find((f) => f.path === path) ?? failures.find((f) => f.path !== '' && !f.path.endsWith('.')) ?? failures[0];
  if (!own) return 'the agent refused the value';
  const code = `${describeUspError(own.errCode).name}, ${own.errCode}`;
  return own.errMsg === '' ? code : `${own.errMsg} (${code})`;
}

/**
 * Sets one parameter the same way wherever the edit was made (a tree row, the details pane, a
 * table cell): the same confirmation when the agent takes the value, the same words when it
 * refuses it. The caller shows the returned reason next to its field.
 */
export async function setParameter(api: ConsoleApi, agentId: string, path: string, value: string): Promise<SetOutcome> {
  const name = path.slice(path.lastIndexOf('.') + 1);
  try {
    const result = await api.setParameterValues(agentId, [{ path, value }]);
    if (result.failures.length === 0) {
      showSuccess(`${path} set to "${value}"`);
      return { ok: true };
    }
    const reason = rejectionReason(path, result.failures);
    showError({ code: 'usp-error', message: reason, uspErrCode: result.failures[0]!.errCode, paramErrors: result.failures }, `Set ${name}`);
    return { ok: false, reason };
  } catch (e) {
    showError(e, `Set ${name}`);
    const error = toConsoleApiError(e);
    const reason = error.paramErrors && error.paramErrors.length > 0 ? rejectionReason(path, error.paramErrors) : explainError(e).title;
    return { ok: false, reason };
  }
}
