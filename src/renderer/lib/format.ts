import { describeUspError } from '../../shared/usp-error-codes';
import { toConsoleApiError } from '../../shared/console-api';

/** "12 s", "5 min", "3 h", "2 d" — how old a cached value is. */
export function formatAge(ms: number): string {
  if (ms < 0) return '0 s';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** Local date and time with seconds, e.g. for "read at". */
export function formatTime(epochMs: number | null): string {
  if (epochMs === null) return 'never';
  const d = new Date(epochMs);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Clock time with milliseconds for the feed and the inspector. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export interface ErrorView {
  title: string;
  message: string;
}

/**
 * Turns anything a call rejected with into what the user reads: for agent errors the USP
 * code's plain-language explanation (the spec's error table) followed by the agent's own text.
 */
export function explainError(thrown: unknown): ErrorView {
  const e = toConsoleApiError(thrown);
  if (e.uspErrCode !== undefined) {
    const info = describeUspError(e.uspErrCode);
    const details = e.paramErrors?.map((p) => `${p.path}: ${p.errMsg} (${describeUspError(p.errCode).name}, ${p.errCode})`) ?? [];
    const own = e.paramErrors?.find((p) => p.errMsg !== '');
    // The parameter's own reason ("longer than 32 characters") before the object's generic code ("Required parameter failed").
    if (own) {
      return {
        title: own.errMsg,
        message: [...details, `${info.name} (${e.uspErrCode}): ${info.explanation}`].join('\n'),
      };
    }
    return {
      title: `${info.name} (${e.uspErrCode})`,
      message: [info.explanation, e.message, ...details].filter((x) => x.length > 0).join('\n'),
    };
  }
  const titles: Record<string, string> = {
    'invalid-argument': 'Invalid input',
    'not-found': 'Not found',
    'agent-offline': 'Agent offline',
    'agent-not-approved': 'Agent not approved',
    timeout: 'No answer in time',
    'usp-error': 'Agent error',
    'transport-error': 'Connection problem',
    'protocol-error': 'Unexpected answer',
    conflict: 'Conflict',
    cancelled: 'Cancelled',
    internal: 'Something went wrong',
  };
  return { title: titles[e.code] ?? 'Error', message: e.message };
}

/** Explains one USP err_code found inside a result (per-path failures). */
export function explainUspCode(code: number, text: string): string {
  const info = describeUspError(code);
  return `${info.name} (${code}): ${info.explanation}${text ? ` — ${text}` : ''}`;
}
