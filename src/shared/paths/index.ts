export type {
  InstanceNumberSegment,
  InstanceSegment,
  NameSegment,
  ParsedPath,
  PathKind,
  PathSegment,
  ReferenceFollow,
  RelativeParamPath,
  SearchCondition,
  SearchOperator,
  SearchSegment,
  SearchValue,
  SupportedInstanceSegment,
  WildcardSegment,
} from './ast';
export { SEARCH_OPERATORS } from './ast';
export { pathError, type PathError, type PathResult } from './path-error';
export { parsePath, type ParsePathOptions } from './path-parser';
export type { PathField } from './path-fields';
export { formatCondition, formatPath, formatSegment } from './format-path';
export { isValidPath, parentSchemaPath, pathKindOf, toSupportedPath } from './helpers';
export { decodeLiteral, encodeLiteral } from './literal';
export { isOrderable, parseBooleanForm, parseDateTimeForm, parseNumberForm, UNKNOWN_TIME } from './value-forms';
export { formatUniqueKey, isUniqueKeyAddress, uniqueKeyOf } from './unique-key';
