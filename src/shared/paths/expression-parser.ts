// Search expressions `[...]` (TR-369 path grammar, EXPR): components joined by `&&`, each
// `RELPATH OPER VALUE`. There is no OR, NOT or parentheses. Whitespace is tolerated around
// operators only (agents SHOULD tolerate it, R-ARC.9a); formatPath never emits it (R-ARC.9b).

import type { NameSegment, SearchCondition, SearchSegment } from './ast';
import { checkOperatorValue, readOperator, readValue } from './condition-parts';
import { parseReferenceFollow } from './reference-parser';
import type { Scanner } from './scanner';

export interface ExpressionOptions {
  readonly allowWhitespace: boolean;
  readonly allowReferences: boolean;
}

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
  const unterminated = (): never => s.fail('unterminated search expression', '"]"', exprStart);
  spaces(s, options);
  const operator = readOperator(s, unterminated);
  spaces(s, options);
  const value = readValue(s, unterminated);
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

function spaces(s: Scanner, options: ExpressionOptions): void {
  const at = s.pos;
  if (s.skipSpaces() && !options.allowWhitespace) {
    s.fail('whitespace is not allowed in paths a controller sends (R-ARC.9b)', 'no space', at);
  }
}
