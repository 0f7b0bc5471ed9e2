/**
 * The one error shape every ConsoleApi call rejects with.
 *
 * Hosts (Electron IPC, the headless WebSocket bridge) never let a raw Error
 * cross the boundary: main catches, converts to {@link ConsoleApiErrorData},
 * sends that as plain data, and the client side (preload / web shim) rethrows
 * `new ConsoleApiError(data)`. Electron's ipcRenderer.invoke would otherwise
 * drop every property but the message.
 */

/** Machine-readable category of a failure; the renderer picks wording and icons from it. */
export type ConsoleErrorCode =
  /** Input failed validation in main (bad path, bad type, unknown field, ...). */
  | 'invalid-argument'
  /** Agent, snapshot, subscription, trace record... does not exist. */
  | 'not-found'
  /** The agent is not reachable now; the call needs a live agent (cache fallbacks do not throw this). */
  | 'agent-offline'
  /** The agent is held for approval or was rejected: requests are not sent to it. */
  | 'agent-not-approved'
  /** No response within the request timeout. */
  | 'timeout'
  /** The agent answered with a USP Error message (uspErrCode set, paramErrors maybe). */
  | 'usp-error'
  /** MTP failure (connection dropped, broker refused publish, ...). */
  | 'transport-error'
  /** The response could not be decoded or did not match the request. */
  | 'protocol-error'
  /** Operation conflicts with current state (e.g. duplicate name, capture already running). */
  | 'conflict'
  /** The operation was cancelled by the user or by shutdown. */
  | 'cancelled'
  /** Anything else; message says what. */
  | 'internal';

export interface ParamErrorData {
  /** Full path of the failing parameter / object (USP ParamError.param_path). */
  path: string;
  /** USP error code 7000-7999. */
  errCode: number;
  errMsg: string;
}

export interface ConsoleApiErrorData {
  code: ConsoleErrorCode;
  /** Human-readable, already complete sentence; shown as is. */
  message: string;
  /** USP err_code (7000-7999) when the failure came from the agent. */
  uspErrCode?: number;
  /** USP Error.param_errs, when the agent reported per-parameter failures. */
  paramErrors?: ParamErrorData[];
}

export class ConsoleApiError extends Error implements ConsoleApiErrorData {
  readonly code: ConsoleErrorCode;
  readonly uspErrCode?: number;
  readonly paramErrors?: ParamErrorData[];

  constructor(data: ConsoleApiErrorData) {
    super(data.message);
    this.name = 'ConsoleApiError';
    this.code = data.code;
    if (data.uspErrCode !== undefined) this.uspErrCode = data.uspErrCode;
    if (data.paramErrors !== undefined) this.paramErrors = data.paramErrors;
  }

  /** Plain data to send across IPC / WebSocket. */
  toData(): ConsoleApiErrorData {
    const data: ConsoleApiErrorData = { code: this.code, message: this.message };
    if (this.uspErrCode !== undefined) data.uspErrCode = this.uspErrCode;
    if (this.paramErrors !== undefined) data.paramErrors = this.paramErrors;
    return data;
  }
}

const errorCodes: ReadonlySet<string> = new Set<ConsoleErrorCode>([
  'invalid-argument', 'not-found', 'agent-offline', 'agent-not-approved', 'timeout', 'usp-error',
  'transport-error', 'protocol-error', 'conflict', 'cancelled', 'internal',
]);

/** True when `value` has the shape of {@link ConsoleApiErrorData} (used when decoding frames). */
export function isConsoleApiErrorData(value: unknown): value is ConsoleApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && errorCodes.has(v.code) && typeof v.message === 'string'
    && (v.uspErrCode === undefined || typeof v.uspErrCode === 'number');
}

/** Normalises anything thrown into a ConsoleApiError (unknown throwables become 'internal'). */
export function toConsoleApiError(thrown: unknown): ConsoleApiError {
  if (thrown instanceof ConsoleApiError) return thrown;
  if (isConsoleApiErrorData(thrown)) return new ConsoleApiError(thrown);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ConsoleApiError({ code: 'internal', message });
}
