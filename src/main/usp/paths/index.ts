// USP path names: the grammar lives in src/shared/paths (the renderer validates input with
// it); resolution, matching and typed checks against current data live here.
export * from '../../../shared/paths';
export type { InstanceView, ValueLookup } from './instance-view';
export type { BaseType, ParamValueType, TypeLookup } from './value-types';
export { expandPath, expandParsed, type ExpandResult } from './expand-path';
export { matchesPath, type MatchOptions } from './match-path';
export { compareValue, listItems, valuesEqual } from './compare';
export { compareTyped } from './compare-typed';
export { checkSearchTypes } from './check-search-types';
export { evaluateConditions, type EvaluationContext, type TargetResolver } from './evaluate-expression';
export { referenceTargets } from './references';
