// Evaluating `[...]` for one candidate instance: every component must hold (`&&`, the only
// connective). A component's relative path may go through single-instance sub-objects and
// follow references; with `#*+` it names several parameters and holds if any of them matches.
// A parameter with no current value makes its component false (for `!=` too).

import type { NameSegment, ParsedPath, SearchCondition } from '../../../shared/paths';
import { toSupportedPath } from '../../../shared/paths';
import { compareValue } from './compare';
import { compareTyped } from './compare-typed';
import type { ValueLookup } from './instance-view';
import { referenceTargets } from './references';
import type { TypeLookup } from './value-types';

/** Concrete object paths (ending in `.`) that a reference target addresses. */
export type TargetResolver = (target: ParsedPath) => readonly string[];

export interface EvaluationContext {
  readonly lookup: ValueLookup;
  readonly resolveTarget: TargetResolver;
  /** With the supported model's types, comparisons are typed (compareTyped); otherwise inferred (compareValue). */
  readonly typeOf?: TypeLookup;
}

export function evaluateConditions(
  conditions: readonly SearchCondition[],
  instancePath: string,
  context: EvaluationContext,
): boolean {
  const { lookup, typeOf } = context;
  return conditions.every((condition) =>
    relativeParamPaths(condition.path.segments, instancePath, context).some((paramPath) => {
      const actual = lookup(paramPath);
      if (actual === undefined) return false;
      const type = typeOf?.(toSupportedPath(paramPath));
      return type
        ? compareTyped(actual, condition.operator, condition.value, type)
        : compareValue(actual, condition.operator, condition.value);
    }),
  );
}

function relativeParamPaths(segments: readonly NameSegment[], base: string, context: EvaluationContext): string[] {
  let cursors = [base];
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      cursors = cursors.map((c) => c + segment.name);
    } else if (segment.reference) {
      const follow = segment.reference;
      cursors = cursors.flatMap((c) =>
        referenceTargets(context.lookup(c + segment.name), follow).flatMap(context.resolveTarget),
      );
    } else {
      cursors = cursors.map((c) => `${c}${segment.name}.`);
    }
  });
  return cursors;
}
