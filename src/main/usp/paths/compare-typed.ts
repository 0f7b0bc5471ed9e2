// Search-expression comparison with the parameter's data-model type known (TR-369:
// "comparison uses the parameter's data-model type; literals are converted"). Used when a
// supported model is at hand (the simulator, a cache with GetSupportedDM results); without
// it, compareValue infers the type from the lexical forms.

import type { SearchOperator, SearchValue } from '../../../shared/paths';
import { parseBooleanForm, parseDateTimeForm, parseNumberForm, UNKNOWN_TIME } from '../../../shared/paths';
import { listItems } from './compare';
import { NUMERIC_TYPES, type BaseType, type ParamValueType } from './value-types';

export function compareTyped(actual: string, operator: SearchOperator, constant: SearchValue, type: ParamValueType): boolean {
  if (type.list) {
    // `~=` tests one element; `==`/`!=` compare the whole list value as written.
    if (operator === '~=') return listItems(actual).some((item) => compareScalar(item, '==', constant.text, type.base));
    if (operator === '==') return actual === constant.text;
    if (operator === '!=') return actual !== constant.text;
    return false;
  }
  if (operator === '~=') return false;
  return compareScalar(actual, operator, constant.text, type.base);
}

function compareScalar(actual: string, operator: SearchOperator, constant: string, base: BaseType): boolean {
  const order = orderOf(actual, constant, base);
  // A value that is not in the type's lexical form matches nothing.
  if (order === undefined) return false;
  switch (operator) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return orderable(actual, constant, base) && order < 0;
    case '>':
      return orderable(actual, constant, base) && order > 0;
    case '<=':
      return orderable(actual, constant, base) && order <= 0;
    case '>=':
      return orderable(actual, constant, base) && order >= 0;
    default:
      return false;
  }
}

/** Sign of actual − constant in the type's order (1 for any inequality of unordered types); undefined when either does not parse. */
function orderOf(actual: string, constant: string, base: BaseType): number | undefined {
  if (NUMERIC_TYPES.has(base)) return difference(parseNumberForm(actual), parseNumberForm(constant));
  if (base === 'dateTime') return difference(parseDateTimeForm(actual), parseDateTimeForm(constant));
  if (base === 'boolean') {
    const a = parseBooleanForm(actual);
    const c = parseBooleanForm(constant);
    return a === undefined || c === undefined ? undefined : a === c ? 0 : 1;
  }
  if (base === 'hexBinary') return actual.toLowerCase() === constant.toLowerCase() ? 0 : 1;
  return actual === constant ? 0 : 1;
}

function difference(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.sign(a - b);
}

/** Ordering is defined for numbers and dateTimes other than the Unknown Time. */
function orderable(actual: string, constant: string, base: BaseType): boolean {
  if (NUMERIC_TYPES.has(base)) return true;
  return base === 'dateTime' && actual !== UNKNOWN_TIME && constant !== UNKNOWN_TIME;
}
