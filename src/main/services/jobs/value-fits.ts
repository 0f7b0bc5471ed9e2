// Whether a value is in the lexical form of a parameter's TR-106 base type as GetSupportedDM
// reports it; ranges and enumerations are not in GSDM, so the agent has the last word (7012).

import type { ParamType } from '../../../shared/model/schema';
import { parseDateTimeForm } from '../../../shared/paths';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const HEX = /^([0-9a-fA-F]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const BOUNDS: Partial<Record<ParamType, [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
};

/** null when the value fits, else why not. */
export function valueMisfit(type: ParamType, value: string): string | null {
  switch (type) {
    case 'boolean':
      return ['true', 'false', '1', '0'].includes(value) ? null : `"${value}" is not a boolean`;
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong': {
      if (!INTEGER.test(value)) return `"${value}" is not an ${type}`;
      const [lo, hi] = BOUNDS[type]!;
      const n = BigInt(value);
      return n < lo || n > hi ? `${value} is outside the ${type} range` : null;
    }
    case 'decimal':
      return DECIMAL.test(value) ? null : `"${value}" is not a decimal`;
    case 'dateTime':
      return parseDateTimeForm(value) !== undefined ? null : `"${value}" is not a dateTime`;
    case 'hexBinary':
      return HEX.test(value) ? null : `"${value}" is not hexBinary`;
    case 'base64':
      return BASE64.test(value) && value.length % 4 === 0 ? null : `"${value}" is not base64`;
    default:
      return null;
  }
}

/** Equal as values of the type: `true`/`1`, `06`/`6` are the same. */
export function sameValue(type: ParamType | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  if (type === 'boolean') return ['true', '1'].includes(a) === ['true', '1'].includes(b) && valueMisfit('boolean', a) === null && valueMisfit('boolean', b) === null;
  if (type && BOUNDS[type] && INTEGER.test(a) && INTEGER.test(b)) return BigInt(a) === BigInt(b);
  if (type === 'decimal' && DECIMAL.test(a) && DECIMAL.test(b)) return Number(a) === Number(b);
  return false;
}
