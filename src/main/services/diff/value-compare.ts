// Type-aware equality of TR-106 lexical forms (TR-181 Value encoding):
// the same value may travel in several spellings, and a diff must not report those.
import type { ParamType } from '../../../shared/model/schema';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

function normalizeInteger(v: string): string | undefined {
  const t = v.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = BigInt(t);
  return n.toString();
}

function normalizeDecimal(v: string): string | undefined {
  const m = DECIMAL.exec(v.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const int = (m[2] ?? '').replace(/^0+/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : `${m[1] === '-' ? '-' : ''}${body}`;
}

function normalizeBoolean(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '1') return 'true';
  if (t === 'false' || t === '0') return 'false';
  return undefined;
}

/**
 * An instant as "epoch seconds|fraction", exact to any number of fractional digits. A value
 * without zone is read as UTC (TR-106 requires UTC unless the parameter says local time).
 */
function normalizeDateTime(v: string): string | undefined {
  const m = DATE_TIME.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  let seconds = d.getTime() / 1000;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    seconds -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  return `${seconds}|${(m[7] ?? '').replace(/0+$/, '')}`;
}

function normalizeBase64(v: string): string | undefined {
  const t = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  return Buffer.from(t, 'base64').toString('hex');
}

function normalizeHex(v: string): string | undefined {
  const t = v.trim();
  return /^[0-9A-Fa-f]*$/.test(t) ? t.toLowerCase() : undefined;
}

/** The canonical spelling of a value of a type, or undefined when it is not a valid lexical form. */
export function normalizeValue(value: string, type: ParamType): string | undefined {
  switch (type) {
    case 'boolean':
      return normalizeBoolean(value);
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong':
      return normalizeInteger(value);
    case 'decimal':
      return normalizeDecimal(value);
    case 'dateTime':
      return normalizeDateTime(value);
    case 'base64':
      return normalizeBase64(value);
    case 'hexBinary':
      return normalizeHex(value);
    default:
      return value;
  }
}

/** Equal as values of `type`; malformed spellings fall back to exact text comparison. */
export function sameValue(a: string, b: string, type: ParamType): boolean {
  if (a === b) return true;
  const na = normalizeValue(a, type);
  const nb = normalizeValue(b, type);
  return na !== undefined && nb !== undefined && na === nb;
}
