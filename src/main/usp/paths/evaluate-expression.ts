// Evaluating `[...]` for one candidate instance: every component must hold (`&&`, the only
// connective). A component's relative path may go through single-instance sub-objects and
// follow references; with `#*+` it names several parameters and holds if any of them matches.
// A parameter with no current value makes its component false (for `!=` too).

import type { NameSegment, ParsedPath, SearchCondition } from '../../../shared/paths';
import { compareValue } from './compare';
import type { ValueLookup } from './instance-view';
import { referenceTargets } from './references';

/** Concrete object paths (ending in `.`) that a reference target addresses. */
export type TargetResolver = (target: ParsedPath) => readonly string[];

export function evaluateConditions(
  conditions: readonly SearchCondition[],
  instancePath: string,
  lookup: ValueLookup,
  resolveTarget: TargetResolver,
): boolean {
  return conditions.every((condition) =>
    relativeParamPaths(condition.path.segments, instancePath, lookup, resolveTarget).some((paramPath) => {
      const actual = lookup(paramPath);
      return actual !== undefined && compareValue(actual, condition.operator, condition.value);
    }),
  );
}

function relativeParamPaths(
  segments: readonly NameSegment[],
  base: string,
  lookup: ValueLookup,
  resolveTarget: TargetResolver,
): string[] {
  let cursors = [base];
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      cursors = cursors.map((c) => c + segment.name);
    } else if (segment.reference) {
      const follow = segment.reference;
      cursors = cursors.flatMap((c) => referenceTargets(lookup(c + segment.name), follow).flatMap(resolveTarget));
    } else {
      cursors = cursors.map((c) => `${c}${segment.name}.`);
    }
  });
  return cursors;
}
