import type { ParamType, ValueConstraints } from '../../../shared/console-api';
import { parseDateTimeForm } from '../../../shared/paths';

/**
 * Checks an edited value against its TR-106 type and known constraints before it is sent
 * (TR-106 types). Returns null when valid, else a sentence for the user. The agent has
 * the final word (7011/7012); this only catches typos early.
 */
export function validateValue(text: string, type: ParamType, constraints?: ValueConstraints): string | null {
  if (constraints?.list) {
    if (text === '') return null;
    const items = text.split(',').map((s) => s.trim());
    for (const item of items) {
      const error = validateSingle(item, type, constraints);
      if (error) return `Item "${item}": ${error}`;
    }
    return null;
  }
  return validateSingle(text, type, constraints);
}

const INT_RANGES: Partial<Record<ParamType, [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
};

const TYPE_LABEL: Record<ParamType, string> = {
  unknown: 'value',
  base64: 'base64',
  boolean: 'boolean',
  dateTime: 'dateTime',
  decimal: 'decimal',
  hexBinary: 'hexBinary',
  int: 'int (32-bit signed)',
  long: 'long (64-bit signed)',
  string: 'string',
  unsignedInt: 'unsignedInt (32-bit unsigned)',
  unsignedLong: 'unsignedLong (64-bit unsigned)',
};

function validateSingle(text: string, type: ParamType, c?: ValueConstraints): string | null {
  const typeError = checkType(text, type);
  if (typeError) return typeError;
  if (c?.enumeration && c.enumeration.length > 0 && !c.enumeration.includes(text)) {
    return `Must be one of: ${c.enumeration.join(', ')}.`;
  }
  const size = sizeOf(text, type);
  if (c?.minLength !== undefined && size < c.minLength) return `Too short: at least ${c.minLength} ${unit(type)}.`;
  if (c?.maxLength !== undefined && size > c.maxLength) return `Too long: at most ${c.maxLength} ${unit(type)} (has ${size}).`;
  if (c?.ranges && c.ranges.length > 0 && INT_RANGES[type] !== undefined) {
    const n = BigInt(text);
    const inside = c.ranges.some((r) => (r.min === undefined || n >= BigInt(r.min)) && (r.max === undefined || n <= BigInt(r.max)));
    if (!inside) return `Out of range: ${c.ranges.map((r) => `${r.min ?? '…'}..${r.max ?? '…'}`).join(' or ')}.`;
  }
  return null;
}

function checkType(text: string, type: ParamType): string | null {
  switch (type) {
    case 'boolean':
      return /^(true|false|1|0)$/.test(text) ? null : 'Must be true or false.';
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong': {
      const signed = type === 'int' || type === 'long';
      if (!(signed ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/).test(text)) return `Must be a whole number (${TYPE_LABEL[type]}).`;
      const [min, max] = INT_RANGES[type]!;
      const n = BigInt(text);
      return n < min || n > max ? `Out of range for ${TYPE_LABEL[type]}: ${min}..${max}.` : null;
    }
    case 'decimal':
      return /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(text) ? null : 'Must be a decimal number, e.g. 12.5.';
    case 'dateTime':
      return parseDateTimeForm(text) !== undefined
        ? null
        : 'Must be a date and time like 2025-11-25T13:05:12Z (YYYY-MM-DDThh:mm:ss, then Z or ±hh:mm).';
    case 'hexBinary':
      return /^([0-9a-fA-F]{2})*$/.test(text) ? null : 'Must be hex digits, two per byte, no separators.';
    case 'base64':
      return /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) ? null : 'Must be base64 text without line breaks.';
    case 'string':
    case 'unknown':
      return null;
  }
}

/** Size in the unit the model's size facets use: bytes for hexBinary/base64, characters otherwise. */
function sizeOf(text: string, type: ParamType): number {
  if (type === 'hexBinary') return text.length / 2;
  if (type === 'base64') return Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  return [...text].length;
}

function unit(type: ParamType): string {
  return type === 'hexBinary' || type === 'base64' ? 'bytes' : 'characters';
}

/** The normal form to send: booleans as true/false (emit true/false). */
export function normaliseValue(text: string, type: ParamType): string {
  if (type === 'boolean') return text === '1' ? 'true' : text === '0' ? 'false' : text;
  return text;
}
