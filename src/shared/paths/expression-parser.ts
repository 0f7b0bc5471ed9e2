// Search expressions `[...]` (TR-369 path grammar, EXPR): components joined by `&&`, each
// `RELPATH OPER VALUE`. There is no OR, NOT or parentheses. Whitespace is tolerated around
// operators only (agents SHOULD tolerate it, R-ARC.9a); formatPath never emits it (R-ARC.9b).

import type { NameSegment, SearchCondition, SearchOperator, SearchSegment, SearchValue } from './ast';
import { SEARCH_OPERATORS } from './ast';
import { decodeLiteral } from './literal';
import { parseReferenceFollow } from './reference-parser';
import type { Scanner } from './scanner';
import { isOrderable, UNKNOWN_TIME } from './value-forms';

export interface ExpressionOptions {
  readonly allowWhitespace: boolean;
  readonly allowReferences: boolean;
}

const OPERATORS_EXPECTED = '==, !=, ~=, <, >, <= or >=';
const VALUE_EXPECTED = 'a quoted string or an unquoted number, boolean or dateTime';

/** Parses `[...]` starting at the `[`. */
export function parseSearchExpression(s: Scanner, options: ExpressionOptions): SearchSegment {
  const start = s.pos;
  s.advance();
  if (s.peek() === ']') s.fail('empty search expression', 'a parameter name', s.pos);
  const conditions: SearchCondition[] = [];
  for (;;) {
    conditions.push(parseCondition(s, start, options));
    spaces(s, options);
    if (s.peek() === ']') {
      s.advance();
      return { type: 'search', conditions, position: start };
    }
    if (s.startsWith('&&')) {
      s.advance(2);
      spaces(s, options);
      continue;
    }
    if (s.atEnd()) s.fail('unterminated search expression', '"]"', start);
    if (s.peek() === '|') s.fail('search expressions have no OR, only &&', '"&&" or "]"');
    s.unexpected('"&&" or "]"');
  }
}

function parseCondition(s: Scanner, exprStart: number, options: ExpressionOptions): SearchCondition {
  const position = s.pos;
  const segments = parseRelativePath(s, exprStart, options);
  spaces(s, options);
  const operator = SEARCH_OPERATORS.find((op) => s.startsWith(op));
  if (!operator) {
    if (s.atEnd()) s.fail('unterminated search expression', '"]"', exprStart);
    if (s.peek() === '=') s.fail('"=" is not an operator', OPERATORS_EXPECTED);
    s.unexpected(OPERATORS_EXPECTED);
  }
  s.advance(operator.length);
  spaces(s, options);
  const value = parseValue(s, exprStart);
  checkOperatorValue(s, operator, value);
  return { path: { segments }, operator, value, position };
}

/** RELPATH = NAME *( [REFFOLLOW] "." NAME ): may enter single-instance sub-objects and follow references, never a child table. */
function parseRelativePath(s: Scanner, exprStart: number, options: ExpressionOptions): NameSegment[] {
  const segments: NameSegment[] = [];
  for (;;) {
    if (s.atEnd()) s.fail('unterminated search expression', '"]"', exprStart);
    const { name, position } = s.readName('a parameter name');
    const reference = parseReferenceFollow(s, options.allowReferences);
    segments.push(reference ? { type: 'name', name, position, reference } : { type: 'name', name, position });
    if (s.peek() !== '.') {
      if (reference) s.unexpected('"." and the name to read from the referenced object');
      return segments;
    }
    s.advance();
    if (s.isDigit() || s.peek() === '*' || s.peek() === '[' || s.peek() === '{') {
      s.fail(
        'a search expression must not enter a child table (use a separate [...] on that table)',
        'a parameter name',
      );
    }
  }
}

function parseValue(s: Scanner, exprStart: number): SearchValue {
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
    if (s.atEnd()) s.fail('unterminated search expression', '"]"', exprStart);
    s.unexpected(VALUE_EXPECTED);
  }
  return { quoted: false, text: raw, raw, position };
}

/** Ordering compares numbers and dateTimes only, never strings, booleans or the Unknown Time. */
function checkOperatorValue(s: Scanner, operator: SearchOperator, value: SearchValue): void {
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

function spaces(s: Scanner, options: ExpressionOptions): void {
  const at = s.pos;
  if (s.skipSpaces() && !options.allowWhitespace) {
    s.fail('whitespace is not allowed in paths a controller sends (R-ARC.9b)', 'no space', at);
  }
}
