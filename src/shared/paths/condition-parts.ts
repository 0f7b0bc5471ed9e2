// The operator and value halves of `LHS OPER VALUE`, shared by USP search expressions (EXPR)
// and the console's fleet filters, which use the same operators and constants.

import { SEARCH_OPERATORS, type SearchOperator, type SearchValue } from './ast';
import { decodeLiteral } from './literal';
import type { Scanner } from './scanner';
import { isOrderable, UNKNOWN_TIME } from './value-forms';

const OPERATORS_EXPECTED = '==, !=, ~=, <, >, <= or >=';
const VALUE_EXPECTED = 'a quoted string or an unquoted number, boolean or dateTime';

/** Reads one of SEARCH_OPERATORS; `atEnd`, when given, reports running out of text in the caller's words. */
export function readOperator(s: Scanner, atEnd?: () => never): SearchOperator {
  const operator = SEARCH_OPERATORS.find((op) => s.startsWith(op));
  if (!operator) {
    if (s.atEnd() && atEnd) atEnd();
    if (s.peek() === '=') s.fail('"=" is not an operator (use "==")', OPERATORS_EXPECTED);
    s.unexpected(OPERATORS_EXPECTED);
  }
  s.advance(operator.length);
  return operator;
}

/** Reads a quoted string (decoded) or an unquoted constant. */
export function readValue(s: Scanner, atEnd?: () => never): SearchValue {
  const position = s.pos;
  if (s.peek() === '"') {
    const close = s.text.indexOf('"', position + 1);
    if (close < 0) s.fail('unterminated string literal', 'a closing \'"\'', position);
    s.pos = close + 1;
    const raw = s.text.slice(position, s.pos);
    return { quoted: true, text: decodeLiteral(raw.slice(1, -1)), raw, position };
  }
  const raw = s.readUnquotedValue();
  if (raw === '') {
    if (s.atEnd() && atEnd) atEnd();
    s.unexpected(VALUE_EXPECTED);
  }
  return { quoted: false, text: raw, raw, position };
}

/** Ordering compares numbers and dateTimes only, never strings, booleans or the Unknown Time. */
export function checkOperatorValue(s: Scanner, operator: SearchOperator, value: SearchValue): void {
  if (operator === '==' || operator === '!=' || operator === '~=') return;
  if (value.quoted) {
    s.fail(`"${operator}" cannot compare strings (write numbers and dateTimes unquoted)`, 'an unquoted number or dateTime', value.position);
  }
  if (value.text === UNKNOWN_TIME) {
    s.fail(`"${operator}" cannot compare the Unknown Time`, 'a number or a known dateTime', value.position);
  }
  if (!isOrderable(value.text)) {
    s.fail(`"${operator}" compares numbers and dateTimes only`, 'an unquoted number or dateTime', value.position);
  }
}
