// Does a search path address a given concrete (instance-number) path? Used by the offline
// cache to answer searches from stored values. The search path is walked against the
// concrete path's segments: names must be equal, `*` and `{i}` take any instance number and
// `[...]` is evaluated on the instance with current values.
//
// Reference following moves to another part of the tree, so the part of the search path up
// to the last followed reference is not in the concrete path: it is resolved from the
// lookup (and, where it holds `*` or `[...]`, from `options.instances`), and the concrete
// path must then start at one of the reference's targets.

import type { ParsedPath, PathSegment } from '../../../shared/paths';
import { formatPath, parsePath } from '../../../shared/paths';
import { evaluateConditions, type EvaluationContext } from './evaluate-expression';
import { allInstances, expandParsed, searchInstances } from './expand-path';
import type { InstanceView, ValueLookup } from './instance-view';
import { referenceTargets } from './references';
import type { TypeLookup } from './value-types';

export interface MatchOptions {
  /** Also match paths below an addressed object (a Get on an object returns its subtree). */
  readonly descendants?: boolean;
  /**
   * Current instances of a table, needed only where a search path has `*` or `[...]` before a
   * followed reference, or a reference holds a unique-key path; without it those match nothing.
   */
  readonly instances?: (tablePath: string) => readonly number[];
  /** Parameter types from the supported model; without it types are inferred from the values. */
  readonly typeOf?: TypeLookup;
}

/**
 * Whether `concretePath` is addressed by `searchPath`, given current values. Unparseable
 * paths match nothing (validate with parsePath first to report why).
 */
export function matchesPath(
  searchPath: string | ParsedPath,
  concretePath: string,
  lookup: ValueLookup,
  options: MatchOptions = {},
): boolean {
  const pattern =
    typeof searchPath === 'string' ? parsePath(searchPath, { allowSupportedInstances: true }) : { ok: true as const, path: searchPath };
  const concrete = parsePath(concretePath, { allowReferences: false });
  if (!pattern.ok || !concrete.ok || concrete.path.isSearchPath || concrete.path.isSupportedPath) return false;
  const view: InstanceView = {
    instances: options.instances ?? (() => []),
    value: lookup,
    ...(options.typeOf ? { typeOf: options.typeOf } : {}),
  };
  const context: EvaluationContext = {
    lookup,
    resolveTarget: (target) => (target.isSearchPath ? (options.instances ? expandParsed(target, view) : []) : [formatPath(target)]),
    ...(options.typeOf ? { typeOf: options.typeOf } : {}),
  };

  const segments = pattern.path.segments;
  const lastReference = segments.findLastIndex((s) => s.type === 'name' && s.reference !== undefined);
  const starts: { segments: readonly PathSegment[] }[] =
    lastReference < 0 ? [{ segments: [] }] : prefixTargets(segments.slice(0, lastReference + 1), view, context);
  const rest = segments.slice(lastReference + 1);
  const length = concrete.path.segments.length;
  for (const start of starts) {
    const end = consume([...start.segments, ...rest], concrete.path.segments, context);
    if (end === undefined) continue;
    if (end === length && pattern.path.kind === concrete.path.kind) return true;
    if (options.descendants && pattern.path.kind === 'object' && end < length) return true;
  }
  return false;
}

/** The targets of the last reference in `segments` (which ends with that reference). */
function prefixTargets(segments: readonly PathSegment[], view: InstanceView, context: EvaluationContext): ParsedPath[] {
  let cursors = [''];
  const last = segments.length - 1;
  segments.forEach((segment, i) => {
    if (i === last) return;
    switch (segment.type) {
      case 'name': {
        const follow = segment.reference;
        cursors = follow
          ? cursors.flatMap((c) => referenceTargets(view.value(c + segment.name), follow).flatMap(context.resolveTarget))
          : cursors.map((c) => `${c}${segment.name}.`);
        break;
      }
      case 'instance':
        // The search path names this instance; whether it still exists shows in its reference value.
        cursors = cursors.map((c) => `${c}${segment.number}.`);
        break;
      case 'wildcard':
      case 'supported-instance':
        cursors = allInstances(cursors, view);
        break;
      case 'search':
        cursors = searchInstances(cursors, segment.conditions, view, context);
        break;
    }
  });
  const reference = segments[last];
  if (reference?.type !== 'name' || !reference.reference) return [];
  const follow = reference.reference;
  return cursors.flatMap((c) => referenceTargets(view.value(c + reference.name), follow));
}

/**
 * Consumes `segments` against the start of the concrete path; returns how many concrete
 * segments they cover, or undefined when they do not match.
 */
function consume(
  segments: readonly PathSegment[],
  target: readonly PathSegment[],
  context: EvaluationContext,
): number | undefined {
  let cursor = '';
  for (const [index, segment] of segments.entries()) {
    const here = target[index];
    if (here === undefined) return undefined;
    if (segment.type === 'name') {
      if (here.type !== 'name' || here.name !== segment.name) return undefined;
      cursor = `${cursor}${segment.name}.`;
      continue;
    }
    if (here.type !== 'instance') return undefined;
    if (segment.type === 'instance' && segment.number !== here.number) return undefined;
    cursor = `${cursor}${here.number}.`;
    if (segment.type === 'search' && !evaluateConditions(segment.conditions, cursor, context)) return undefined;
  }
  return segments.length;
}
