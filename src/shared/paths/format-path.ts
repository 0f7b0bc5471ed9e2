// ParsedPath → canonical text: no whitespace (R-ARC.9b), string constants re-encoded with
// `%22`/`%25`. Canonical input round-trips unchanged.

import type { NameSegment, ParsedPath, PathKind, PathSegment, ReferenceFollow, SearchCondition } from './ast';
import { encodeLiteral } from './literal';

const SUFFIX: Record<PathKind, string> = { object: '.', parameter: '', command: '()', event: '!' };

export function formatPath(path: Pick<ParsedPath, 'kind' | 'segments'>): string {
  return path.segments.map(formatSegment).join('.') + SUFFIX[path.kind];
}

export function formatSegment(segment: PathSegment): string {
  switch (segment.type) {
    case 'name':
      return formatName(segment);
    case 'instance':
      return String(segment.number);
    case 'wildcard':
      return '*';
    case 'supported-instance':
      return '{i}';
    case 'search':
      return `[${segment.conditions.map(formatCondition).join('&&')}]`;
  }
}

export function formatCondition(condition: SearchCondition): string {
  const value = condition.value.quoted ? encodeLiteral(condition.value.text) : condition.value.text;
  return condition.path.segments.map(formatName).join('.') + condition.operator + value;
}

function formatName(segment: NameSegment): string {
  return segment.reference ? segment.name + formatReference(segment.reference) : segment.name;
}

function formatReference(reference: ReferenceFollow): string {
  return reference.index === null ? '+' : `#${reference.index}+`;
}
