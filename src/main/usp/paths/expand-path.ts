// Turns any instantiated-model path (search, wildcard, unique-key, reference following) into
// the concrete instance-number paths it addresses now, as an agent resolves a request
// (R-MSG.3: agents report instance-number form). Objects end with `.`, parameters do not,
// commands keep `()` and events `!`. Instance identifiers are checked against the current
// instances (a missing instance number addresses nothing); names are not checked, as the
// view knows instances and values, not the supported model.

import type { ParsedPath, PathError, PathKind } from '../../../shared/paths';
import { formatPath, parsePath } from '../../../shared/paths';
import { evaluateConditions } from './evaluate-expression';
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
    return {
      ok: false,
      error: { message: `${text}: ${reason} at ${at}`, reason, position: at, expected: 'an instance number, "*" or "[...]"', text },
    };
  }
  return { ok: true, paths: expandParsed(parsed, view) };
}

/** Expansion of an already-parsed path without `{i}`. */
export function expandParsed(parsed: ParsedPath, view: InstanceView): string[] {
  const resolveTarget = (target: ParsedPath): string[] => expandParsed(target, view);
  let cursors = [''];
  parsed.segments.forEach((segment, i) => {
    const last = i === parsed.segments.length - 1;
    switch (segment.type) {
      case 'name': {
        const follow = segment.reference;
        if (follow) {
          cursors = cursors.flatMap((c) => referenceTargets(view.value(c + segment.name), follow).flatMap(resolveTarget));
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
        cursors = cursors.flatMap((c) => view.instances(c).map((n) => `${c}${n}.`));
        break;
      case 'search':
        cursors = cursors.flatMap((c) =>
          view.instances(c)
            .map((n) => `${c}${n}.`)
            .filter((candidate) => evaluateConditions(segment.conditions, candidate, view.value, resolveTarget)),
        );
        break;
      case 'supported-instance':
        cursors = [];
        break;
    }
  });
  // Several references may lead to the same object; each concrete path is addressed once.
  return [...new Set(cursors)];
}
