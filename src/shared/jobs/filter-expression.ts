// Fleet filter expressions: `model=="RG-1" && tag=="lab" && Device.WiFi.Radio.1.Channel==6`.
// The operators and constants are those of USP search expressions (paths.md §2 EXPR, §4) and
// reuse the path scanner; a left-hand side is an agent field or a full parameter path read from
// the cache. Like search expressions there is no OR and no parentheses.

import { SEARCH_OPERATORS, type SearchOperator, type SearchValue } from '../paths/ast';
import { decodeLiteral } from '../paths/literal';
import { pathError, type PathError } from '../paths/path-error';
import { parsePath } from '../paths/path-parser';
import { PathSyntaxError, Scanner } from '../paths/scanner';
import { isOrderable } from '../paths/value-forms';

export const AGENT_FIELDS = ['endpointId', 'status', 'manufacturer', 'model', 'productClass', 'serial', 'softwareVersion', 'mtp', 'tag'] as const;
export type AgentField = (typeof AGENT_FIELDS)[number];

export type FilterSubject = { readonly type: 'field'; readonly field: AgentField } | { readonly type: 'parameter'; readonly path: string };

export interface FilterCondition {
  readonly subject: FilterSubject;
  readonly operator: SearchOperator;
  readonly value: SearchValue;
  readonly position: number;
}

export type FilterResult = { readonly ok: true; readonly conditions: readonly FilterCondition[] } | { readonly ok: false; readonly error: PathError };

const OPERATORS_EXPECTED = '==, !=, ~=, <, >, <= or >=';
const SUBJECT_EXPECTED = `an agent field (${AGENT_FIELDS.join(', ')}) or a parameter path such as Device.DeviceInfo.SoftwareVersion`;
const VALUE_EXPECTED = 'a quoted string or an unquoted number, boolean or dateTime';
const SUBJECT_CHAR = /[A-Za-z0-9_.-]/;

export function parseFilter(text: string): FilterResult {
  const s = new Scanner(text);
  try {
    const conditions: FilterCondition[] = [];
    s.skipSpaces();
    for (;;) {
      conditions.push(parseCondition(s));
      s.skipSpaces();
      if (s.atEnd()) return { ok: true, conditions };
      if (s.startsWith('&&')) {
        s.advance(2);
        s.skipSpaces();
        continue;
      }
      if (s.startsWith('||')) s.fail('filters have no OR, only &&', '"&&" or the end');
      s.unexpected('"&&" or the end');
    }
  } catch (e) {
    if (e instanceof PathSyntaxError) return { ok: false, error: pathError(text, e.position, e.reason, e.expected) };
    throw e;
  }
}

function parseCondition(s: Scanner): FilterCondition {
  const position = s.pos;
  const subject = parseSubject(s);
  s.skipSpaces();
  const operator = SEARCH_OPERATORS.find((op) => s.startsWith(op));
  if (!operator) {
    if (s.peek() === '=') s.fail('"=" is not an operator (use "==")', OPERATORS_EXPECTED);
    s.unexpected(OPERATORS_EXPECTED);
  }
  s.advance(operator.length);
  s.skipSpaces();
  const value = parseValue(s);
  if (operator !== '==' && operator !== '!=' && operator !== '~=') {
    if (value.quoted) s.fail(`"${operator}" cannot compare strings (write numbers and dateTimes unquoted)`, 'an unquoted number or dateTime', value.position);
    if (!isOrderable(value.text)) s.fail(`"${operator}" compares numbers and dateTimes only`, 'an unquoted number or dateTime', value.position);
  }
  return { subject, operator, value, position };
}

function parseSubject(s: Scanner): FilterSubject {
  const position = s.pos;
  if (!s.isNameStart()) s.unexpected(SUBJECT_EXPECTED);
  while (!s.atEnd() && SUBJECT_CHAR.test(s.peek())) s.advance();
  const name = s.text.slice(position, s.pos);
  if (!name.includes('.')) {
    const field = AGENT_FIELDS.find((f) => f === name);
    if (!field) s.fail(`unknown agent field "${name}"`, SUBJECT_EXPECTED, position);
    return { type: 'field', field };
  }
  if (!name.startsWith('Device.')) s.fail('a parameter path starts with "Device."', SUBJECT_EXPECTED, position);
  const parsed = parsePath(name);
  if (!parsed.ok) s.fail(parsed.error.reason, parsed.error.expected, position + parsed.error.position);
  if (parsed.path.kind !== 'parameter') s.fail('a filter compares a parameter, not an object, command or event', 'a parameter path', position);
  return { type: 'parameter', path: name };
}

function parseValue(s: Scanner): SearchValue {
  const position = s.pos;
  if (s.peek() === '"') {
    const close = s.text.indexOf('"', position + 1);
    if (close < 0) s.fail('unterminated string literal', 'a closing \'"\'', position);
    s.pos = close + 1;
    const raw = s.text.slice(position, s.pos);
    return { quoted: true, text: decodeLiteral(raw.slice(1, -1)), raw, position };
  }
  const raw = s.readUnquotedValue();
  if (raw === '') s.unexpected(VALUE_EXPECTED);
  return { quoted: false, text: raw, raw, position };
}
