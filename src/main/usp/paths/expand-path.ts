// Turns any instantiated-model path (search, wildcard, unique-key, reference following) into
// the concrete instance-number paths it addresses now, as an agent resolves a request
// (R-MSG.3: agents report instance-number form). Objects end with `.`, parameters do not,
// commands keep `()` and events `!`. Instance identifiers are checked against the current
// instances (a missing instance number addresses nothing); names are not checked, as the
// view knows instances and values, not the supported model.

import type { ParsedPath, PathError, PathKind, SearchCondition } from '../../../shared/paths';
import { formatPath, parsePath, pathError } from '../../../shared/paths';
import { evaluateConditions, type EvaluationContext } from './evaluate-expression';
import type { InstanceView } from './instance-view';
import { referenceTargets } from './references';

const SUFFIX: Record<PathKind, string> = { object: '.', parameter: '', command: '()', event: '!' };

export type ExpandResult =
  | { readonly ok: true; readonly paths: string[] }
  | { readonly ok: false; readonly error: PathError };

export function expandPath(path: string | ParsedPath, view: InstanceView): ExpandResult {
  let parsed: ParsedPath;
  if (typeof path === 'string') {
    const result = parsePath(path);
    if (!result.ok) return result;
    parsed = result.path;
  } else {
    parsed = path;
  }
  if (parsed.isSupportedPath) {
    const text = typeof path === 'string' ? path : formatPath(parsed);
    const at = parsed.segments.find((s) => s.type === 'supported-instance')?.position ?? 0;
    const reason = 'a supported-model path ({i}) addresses no instances';
    return { ok: false, error: pathError(text, at, reason, 'an instance number, "*" or "[...]"') };
  }
  return { ok: true, paths: expandParsed(parsed, view) };
}

/** Expansion of an already-parsed path without `{i}`. */
export function expandParsed(parsed: ParsedPath, view: InstanceView): string[] {
  const context: EvaluationContext = {
    lookup: view.value,
    resolveTarget: (target) => expandParsed(target, view),
    ...(view.typeOf ? { typeOf: view.typeOf } : {}),
  };
  let cursors = [''];
  parsed.segments.forEach((segment, i) => {
    const last = i === parsed.segments.length - 1;
    switch (segment.type) {
      case 'name': {
        const follow = segment.reference;
        if (follow) {
          cursors = cursors.flatMap((c) => referenceTargets(view.value(c + segment.name), follow).flatMap(context.resolveTarget));
        } else {
          const suffix = last ? SUFFIX[parsed.kind] : '.';
          cursors = cursors.map((c) => c + segment.name + suffix);
        }
        break;
      }
      case 'instance':
        cursors = cursors.filter((c) => view.instances(c).includes(segment.number)).map((c) => `${c}${segment.number}.`);
        break;
      case 'wildcard':
        cursors = allInstances(cursors, view);
        break;
      case 'search':
        cursors = searchInstances(cursors, segment.conditions, view, context);
        break;
      case 'supported-instance':
        cursors = [];
        break;
    }
  });
  // Several references may lead to the same object; each concrete path is addressed once.
  return [...new Set(cursors)];
}

/** Every current instance path of each table in `cursors` (a `*` step). */
export function allInstances(cursors: readonly string[], view: InstanceView): string[] {
  return cursors.flatMap((c) => view.instances(c).map((n) => `${c}${n}.`));
}

/** The current instances of each table in `cursors` whose values satisfy a search step's `[...]` conditions. */
export function searchInstances(
  cursors: readonly string[],
  conditions: readonly SearchCondition[],
  view: InstanceView,
  context: EvaluationContext,
): string[] {
  return allInstances(cursors, view).filter((candidate) => evaluateConditions(conditions, candidate, context));
}
