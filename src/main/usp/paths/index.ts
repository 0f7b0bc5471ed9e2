// USP path names: the grammar lives in src/shared/paths (the renderer validates input with
// it); resolution and matching against current data live here.
export * from '../../../shared/paths';
export type { InstanceView, ValueLookup } from './instance-view';
export { expandPath, expandParsed, type ExpandResult } from './expand-path';
export { matchesPath, type MatchOptions } from './match-path';
export { compareValue, listItems, valuesEqual } from './compare';
export { evaluateConditions, type TargetResolver } from './evaluate-expression';
export { referenceTargets } from './references';
