// Type rules of search expressions that need the supported data model:
// strings are quoted, other types unquoted (`[Enable=="true"]` is invalid); string and
// boolean parameters take only == and !=; ordering is for numbers and dateTimes; `~=` is
// for list parameters only. Components behind reference following are not checked: their
// target table is only known from current values.

import type { ParsedPath, PathError, SearchCondition } from '../../../shared/paths';
import { formatPath, parseBooleanForm, parseDateTimeForm, parseNumberForm, pathError } from '../../../shared/paths';
import { NUMERIC_TYPES, type BaseType, type ParamValueType, type TypeLookup } from './value-types';

/**
 * Checks every search component's parameter and constant against the supported model.
 * `text` is the path as written (for error positions); defaults to the formatted path.
 */
export function checkSearchTypes(path: ParsedPath, typeOf: TypeLookup, text = formatPath(path)): PathError | undefined {
  let prefix = '';
  for (const segment of path.segments) {
    if (segment.type === 'name') {
      if (segment.reference) return undefined;
      prefix += `${segment.name}.`;
      continue;
    }
    if (segment.type === 'search') {
      for (const condition of segment.conditions) {
        if (condition.path.segments.some((s) => s.reference)) continue;
        const param = `${prefix}{i}.${condition.path.segments.map((s) => s.name).join('.')}`;
        const reason = conditionProblem(condition, typeOf(param), param);
        if (reason) {
          const at = reason.atValue ? condition.value.position : condition.position;
          return pathError(text, at, reason.reason, reason.expected);
        }
      }
    }
    prefix += '{i}.';
  }
  return undefined;
}

interface Problem {
  readonly reason: string;
  readonly expected: string;
  readonly atValue: boolean;
}

function conditionProblem(condition: SearchCondition, type: ParamValueType | undefined, param: string): Problem | undefined {
  const name = condition.path.segments.map((s) => s.name).join('.');
  if (!type) return { reason: `${param} is not a parameter in the supported data model`, expected: 'a parameter of the table', atValue: false };
  const { operator, value } = condition;
  if (operator === '~=' && !type.list) {
    return { reason: `~= needs a list parameter and ${name} is a single ${type.base}`, expected: '== or !=', atValue: false };
  }
  if (type.list && operator !== '~=' && operator !== '==' && operator !== '!=') {
    return { reason: `${name} is a list: it cannot be ordered`, expected: '~=, == or !=', atValue: false };
  }
  // `~=` compares one element, `==`/`!=` on a list the whole string.
  const base: BaseType = type.list && operator !== '~=' ? 'string' : type.base;
  const ordering = operator !== '==' && operator !== '!=' && operator !== '~=';
  if (ordering && !NUMERIC_TYPES.has(base) && base !== 'dateTime') {
    return { reason: `${name} is ${base}: only == and != apply`, expected: '== or !=', atValue: false };
  }
  if (base === 'string') {
    return value.quoted ? undefined : { reason: `${name} is a string: quote the constant`, expected: `"${value.text}"`, atValue: true };
  }
  if (value.quoted) {
    return { reason: `${name} is ${base}: write the constant unquoted`, expected: `an unquoted ${base}`, atValue: true };
  }
  if (!inLexicalForm(value.text, base)) {
    return { reason: `"${value.text}" is not a valid ${base}`, expected: `a ${base} constant`, atValue: true };
  }
  return undefined;
}

function inLexicalForm(text: string, base: BaseType): boolean {
  if (NUMERIC_TYPES.has(base)) {
    const n = parseNumberForm(text);
    return n !== undefined && (base === 'decimal' || Number.isInteger(n)) && (!base.startsWith('unsigned') || n >= 0);
  }
  if (base === 'boolean') return parseBooleanForm(text) !== undefined;
  if (base === 'dateTime') return parseDateTimeForm(text) !== undefined;
  if (base === 'hexBinary') return /^(?:[0-9A-Fa-f]{2})*$/.test(text);
  if (base === 'base64') return /^[A-Za-z0-9+/]*={0,2}$/.test(text);
  return true;
}
