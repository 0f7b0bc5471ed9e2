// Search-expression comparison. The agent compares with the parameter's
// data-model type; here the type is inferred from the lexical forms of the constant and the
// current value (TR-106), which is what an offline cache holding only strings can do:
// - quoted constant: a string, compared exactly with the percent-decoded text;
// - unquoted constant: numbers compare numerically (`123`, `+123`, `0123` are equal), booleans
//   as booleans (`1` == `true`), dateTimes as instants, hexBinary case-insensitively;
// - `~=`: the value is a comma-separated list and one element equals the constant;
// - `<` `>` `<=` `>=`: numbers or dateTimes only (never the Unknown Time), else no match.

import type { SearchOperator, SearchValue } from '../../../shared/paths';
import { parseBooleanForm, parseDateTimeForm, parseNumberForm, UNKNOWN_TIME } from '../../../shared/paths';

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

export function compareValue(actual: string, operator: SearchOperator, constant: SearchValue): boolean {
  switch (operator) {
    case '==':
      return valuesEqual(actual, constant);
    case '!=':
      return !valuesEqual(actual, constant);
    case '~=':
      return listItems(actual).some((item) => valuesEqual(item, constant));
    default:
      return compareOrdered(actual, operator, constant.text);
  }
}

export function valuesEqual(actual: string, constant: SearchValue): boolean {
  const c = constant.text;
  if (constant.quoted) return actual === c;
  const na = parseNumberForm(actual);
  const nc = parseNumberForm(c);
  if (na !== undefined && nc !== undefined) return na === nc;
  const ba = parseBooleanForm(actual);
  const bc = parseBooleanForm(c);
  if (ba !== undefined && bc !== undefined) return ba === bc;
  const da = parseDateTimeForm(actual);
  const dc = parseDateTimeForm(c);
  if (da !== undefined && dc !== undefined) return da === dc;
  if (HEX.test(actual) && HEX.test(c)) return actual.toLowerCase() === c.toLowerCase();
  return actual === c;
}

function compareOrdered(actual: string, operator: SearchOperator, constant: string): boolean {
  const nc = parseNumberForm(constant);
  const na = parseNumberForm(actual);
  if (nc !== undefined && na !== undefined) return ordered(na - nc, operator);
  if (actual === UNKNOWN_TIME || constant === UNKNOWN_TIME) return false;
  const dc = parseDateTimeForm(constant);
  const da = parseDateTimeForm(actual);
  if (dc !== undefined && da !== undefined) return ordered(da - dc, operator);
  return false;
}

function ordered(difference: number, operator: SearchOperator): boolean {
  switch (operator) {
    case '<':
      return difference < 0;
    case '>':
      return difference > 0;
    case '<=':
      return difference <= 0;
    case '>=':
      return difference >= 0;
    default:
      return false;
  }
}

/** TR-106 comma-separated list; whitespace around items is not part of them. */
export function listItems(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
