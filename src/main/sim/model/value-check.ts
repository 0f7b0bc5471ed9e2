import type { ValueDef } from './schema-types';
import { USP_ERR_INVALID_TYPE, USP_ERR_INVALID_VALUE } from '../../../shared/usp-error-codes';

/** Why a value was refused: 7011 (cannot be parsed as the type) or 7012 (parsed, but outside the allowed values), TR-369 Error codes. */
export type ValueCheck = { ok: true; value: string } | { ok: false; code: typeof USP_ERR_INVALID_TYPE | typeof USP_ERR_INVALID_VALUE; message: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^([0-9a-fA-F]{2})*$/;
const MAC = /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ALIAS = /^[A-Za-z]/;

const INT_BOUNDS: Record<string, [bigint, bigint]> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
};

const invalidType = (message: string): ValueCheck => ({ ok: false, code: USP_ERR_INVALID_TYPE, message });
const invalidValue = (message: string): ValueCheck => ({ ok: false, code: USP_ERR_INVALID_VALUE, message });

/** Splits a TR-106 list value; blanks around items are tolerated. */
export function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((item) => item.trim());
}

function checkBase(def: ValueDef, item: string): ValueCheck {
  switch (def.base) {
    case 'boolean':
      if (item === 'true' || item === '1') return { ok: true, value: 'true' };
      if (item === 'false' || item === '0') return { ok: true, value: 'false' };
      return invalidType(`"${item}" is not a boolean`);
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong': {
      if (!INTEGER.test(item)) return invalidType(`"${item}" is not an ${def.base}`);
      const n = BigInt(item);
      const [lo, hi] = INT_BOUNDS[def.base] ?? [0n, 0n];
      if (n < lo || n > hi) return invalidType(`${item} is outside the ${def.base} range`);
      return { ok: true, value: n.toString() };
    }
    case 'decimal':
      return DECIMAL.test(item) ? { ok: true, value: item } : invalidType(`"${item}" is not a decimal`);
    case 'dateTime':
      return DATE_TIME.test(item) ? { ok: true, value: item } : invalidType(`"${item}" is not a dateTime`);
    case 'base64':
      return BASE64.test(item) && item.length % 4 === 0 ? { ok: true, value: item } : invalidType(`"${item}" is not base64`);
    case 'hexBinary':
      return HEX.test(item) ? { ok: true, value: item } : invalidType(`"${item}" is not hexBinary`);
    case 'string':
      return { ok: true, value: item };
  }
}

function checkFacets(def: ValueDef, item: string, allowed: readonly string[] | undefined): ValueCheck {
  if (allowed && !allowed.includes(item)) return invalidValue(`"${item}" is not one of ${allowed.join(', ')}`);
  if (def.ranges && item !== '') {
    const n = Number(item);
    const inRange = def.ranges.some(([lo, hi]) => (lo === null || n >= lo) && (hi === null || n <= hi));
    if (!inRange) return invalidValue(`${item} is outside the allowed range`);
  }
  if (!def.list) {
    if (def.maxLen !== undefined && item.length > def.maxLen) return invalidValue(`longer than ${def.maxLen} characters`);
    if (def.minLen !== undefined && item.length < def.minLen) return invalidValue(`shorter than ${def.minLen} characters`);
  }
  if (def.maxBytes !== undefined && def.base === 'hexBinary' && item.length / 2 > def.maxBytes) {
    return invalidValue(`longer than ${def.maxBytes} bytes`);
  }
  if (def.bytes && def.base === 'hexBinary' && !def.bytes.includes(item.length / 2)) {
    return invalidValue(`must be ${def.bytes.join(' or ')} bytes`);
  }
  if (def.pattern && !new RegExp(`^(?:${def.pattern})$`).test(item)) return invalidValue(`"${item}" does not match ${def.pattern}`);
  if (def.type === 'MACAddress' && item !== '' && !MAC.test(item)) return invalidValue(`"${item}" is not a MAC address`);
  if (def.type === 'IPv4Address' && item !== '' && !IPV4.test(item)) return invalidValue(`"${item}" is not an IPv4 address`);
  if (def.type === 'Alias' && !ALIAS.test(item)) return invalidValue('an Alias must start with a letter');
  return { ok: true, value: item };
}

/**
 * Checks one incoming string against a parameter or argument definition and returns its
 * canonical form (booleans as true/false, integers without sign or leading zeros).
 * `sibling` reads another parameter of the same object, for "one of the values listed in X".
 */
export function checkValue(def: ValueDef, value: string, sibling?: (name: string) => string | undefined): ValueCheck {
  const allowed = def.enum ?? (def.enumFrom !== undefined ? splitList(sibling?.(def.enumFrom) ?? '') : undefined);
  if (!def.list) {
    const base = checkBase(def, value);
    return base.ok ? checkFacets(def, base.value, allowed) : base;
  }
  const items = splitList(value);
  if (def.maxItems !== undefined && items.length > def.maxItems) return invalidValue(`more than ${def.maxItems} items`);
  if (def.maxLen !== undefined && value.length > def.maxLen) return invalidValue(`longer than ${def.maxLen} characters`);
  const out: string[] = [];
  for (const item of items) {
    const base = checkBase(def, item);
    if (!base.ok) return base;
    const facets = checkFacets(def, base.value, allowed);
    if (!facets.ok) return facets;
    out.push(facets.value);
  }
  return { ok: true, value: out.join(',') };
}

/** The null value of a type: what a new row gets without a default. */
export function nullValue(def: ValueDef): string {
  if (def.list) return '';
  switch (def.base) {
    case 'boolean':
      return 'false';
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong':
    case 'decimal':
      return def.ranges?.[0]?.[0] !== undefined && def.ranges[0][0] !== null && def.ranges[0][0] > 0 ? String(def.ranges[0][0]) : '0';
    case 'dateTime':
      return '0001-01-01T00:00:00Z';
    default:
      return '';
  }
}
