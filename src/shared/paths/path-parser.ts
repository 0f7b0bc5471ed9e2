// Parser for USP path names: object, parameter, command (`Name()`) and event
// (`Name!`) paths with instance numbers, `*`, `[...]` search expressions / unique-key
// addresses, reference following (`+`, `#N+`, `#*+`) and, for GetSupportedDM, `{i}`.

import type { InstanceSegment, NameSegment, ParsedPath, PathKind, PathSegment } from './ast';
import { parseSearchExpression } from './expression-parser';
import { checkPathField, fieldParseOptions, type PathField } from './path-fields';
import { pathError, type PathResult } from './path-error';
import { parseReferenceFollow } from './reference-parser';
import { PathSyntaxError, Scanner } from './scanner';

export interface ParsePathOptions {
  /** Also apply the rules of the message field the path is meant for. */
  readonly field?: PathField;
  /** Accept `{i}` (supported-model paths, GetSupportedDM). Default false. */
  readonly allowSupportedInstances?: boolean;
  /** Accept `+`, `#N+`, `#*+`. Default true. */
  readonly allowReferences?: boolean;
  /** Tolerate spaces around expression operators (R-ARC.9a). Default true. */
  readonly allowWhitespace?: boolean;
}

interface ResolvedOptions {
  readonly allowSupportedInstances: boolean;
  readonly allowReferences: boolean;
  readonly allowWhitespace: boolean;
}

export function parsePath(text: string, options: ParsePathOptions = {}): PathResult<ParsedPath> {
  if (typeof text !== 'string') {
    return { ok: false, error: pathError(String(text), 0, 'a path must be a string', 'a path such as "Device."') };
  }
  const fieldDefaults: Partial<ResolvedOptions> = options.field ? fieldParseOptions(options.field) : {};
  const resolved: ResolvedOptions = {
    allowSupportedInstances: fieldDefaults.allowSupportedInstances ?? options.allowSupportedInstances ?? false,
    allowReferences: fieldDefaults.allowReferences ?? options.allowReferences ?? true,
    allowWhitespace: options.allowWhitespace ?? true,
  };
  try {
    const path = parseStructure(new Scanner(text), resolved);
    if (options.field) {
      const error = checkPathField(text, path, options.field);
      if (error) return { ok: false, error };
    }
    return { ok: true, path };
  } catch (e) {
    if (e instanceof PathSyntaxError) return { ok: false, error: pathError(text, e.position, e.reason, e.expected) };
    throw e;
  }
}

function parseStructure(s: Scanner, options: ResolvedOptions): ParsedPath {
  if (s.atEnd()) s.fail('empty path', 'a name such as "Device"');
  const segments: PathSegment[] = [];
  for (;;) {
    const { name, position } = s.readName('a name');
    const reference = parseReferenceFollow(s, options.allowReferences);
    if (reference) {
      segments.push({ type: 'name', name, position, reference });
      if (s.peek() !== '.') s.unexpected('"." after reference following');
      s.advance();
      if (s.atEnd()) return finish(segments, 'object');
      if (!s.isNameStart() && /[0-9*[{]/.test(s.peek())) {
        s.fail('a reference points to an object, so no instance identifier can follow it', 'a name');
      }
      continue;
    }
    segments.push({ type: 'name', name, position });
    if (s.peek() === '(') {
      s.advance();
      if (s.peek() !== ')') s.unexpected('")" (input arguments go in the Operate request, not in the path)');
      s.advance();
      return finish(segments, 'command', s);
    }
    if (s.peek() === '!') {
      s.advance();
      return finish(segments, 'event', s);
    }
    if (s.atEnd()) return finish(segments, 'parameter', s);
    if (s.peek() !== '.') s.unexpected('".", "()", "!", "+", "#" or the end of the path');
    s.advance();
    if (s.atEnd()) return finish(segments, 'object');
    if (s.isNameStart()) continue;
    segments.push(parseInstance(s, segments, options));
    if (s.atEnd()) s.fail('an instance path ends with "."', '"."');
    if (s.peek() !== '.') s.unexpected('"." after the instance identifier');
    s.advance();
    if (s.atEnd()) return finish(segments, 'object');
  }
}

function parseInstance(s: Scanner, before: readonly PathSegment[], options: ResolvedOptions): InstanceSegment {
  const position = s.pos;
  const c = s.peek();
  if (s.isDigit()) {
    const number = s.readPositiveNumber('an instance number');
    // GSDM: "A {i} may not be followed by an instance number" (TR-369 messages GetSupportedDM).
    if (before.some((seg) => seg.type === 'supported-instance')) {
      s.fail('an instance number cannot follow {i}', '"{i}"', position);
    }
    return { type: 'instance', number, position };
  }
  if (c === '*') {
    s.advance();
    return { type: 'wildcard', position };
  }
  if (c === '[') return parseSearchExpression(s, options);
  if (c === '{') {
    if (!options.allowSupportedInstances) {
      s.fail(
        'curly braces are not allowed in instantiated paths ({i} is for GetSupportedDM only)',
        'an instance number, "*" or "[...]"',
      );
    }
    if (!s.startsWith('{i}')) s.fail('only {i} may appear in braces', '"{i}"');
    s.advance(3);
    return { type: 'supported-instance', position };
  }
  return s.unexpected('a name, an instance number, "*" or "[...]"');
}

function finish(segments: PathSegment[], kind: PathKind, s?: Scanner): ParsedPath {
  if (s && !s.atEnd()) s.unexpected(`the end of the path after the ${kind} name`);
  if (kind !== 'object' && segments.length < 2) {
    const last = segments[segments.length - 1] as NameSegment;
    throw new PathSyntaxError(last.position, `a ${kind} path needs its object path first`, 'an object name followed by "."');
  }
  let isSearchPath = false;
  let hasReferenceFollowing = false;
  let isSupportedPath = false;
  for (const seg of segments) {
    if (seg.type === 'wildcard') isSearchPath = true;
    if (seg.type === 'search') {
      isSearchPath = true;
      if (seg.conditions.some((c) => c.path.segments.some((n) => n.reference))) hasReferenceFollowing = true;
    }
    if (seg.type === 'supported-instance') isSupportedPath = true;
    if (seg.type === 'name' && seg.reference) {
      hasReferenceFollowing = true;
      if (seg.reference.index === '*') isSearchPath = true;
    }
  }
  return { kind, segments, isSearchPath, hasReferenceFollowing, isSupportedPath };
}
