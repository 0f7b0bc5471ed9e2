// Fleet filter expressions: `model=="RG-1" && tag=="lab" && Device.WiFi.Radio.1.Channel==6`.
// The operators and constants are those of USP search expressions (`param op constant`, joined
// by `&&`) and reuse the path scanner; a left-hand side is an agent field or a full parameter
// path read from the cache. Like search expressions there is no OR and no parentheses.

import type { SearchOperator, SearchValue } from '../paths/ast';
import { checkOperatorValue, readOperator, readValue } from '../paths/condition-parts';
import { pathError, type PathError } from '../paths/path-error';
import { parsePath } from '../paths/path-parser';
import { PathSyntaxError, Scanner } from '../paths/scanner';

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

const SUBJECT_EXPECTED = `an agent field (${AGENT_FIELDS.join(', ')}) or a parameter path such as Device.DeviceInfo.SoftwareVersion`;
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
  const operator = readOperator(s);
  s.skipSpaces();
  const value = readValue(s);
  checkOperatorValue(s, operator, value);
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
