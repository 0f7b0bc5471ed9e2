// AST of a USP path name (TR-369 path names and their lexical grammar).
// Every node carries `position`: the 0-based offset of its first character in the parsed
// text, so later checks (message-field rules, type checks) can point at the culprit.

export type PathKind = 'object' | 'parameter' | 'command' | 'event';

/** `Param+` (index null: the first item of a list), `Param#N+`, `Param#*+`. */
export interface ReferenceFollow {
  readonly index: number | '*' | null;
}

/** A data-model name: object, table, parameter, command (without `()`) or event (without `!`). */
export interface NameSegment {
  readonly type: 'name';
  readonly name: string;
  readonly position: number;
  /** Present when the name is followed by `+`, `#N+` or `#*+` (reference following). */
  readonly reference?: ReferenceFollow;
}

export interface InstanceNumberSegment {
  readonly type: 'instance';
  readonly number: number;
  readonly position: number;
}

export interface WildcardSegment {
  readonly type: 'wildcard';
  readonly position: number;
}

/**
 * `[...]`: unique-key addressing and search expressions share this syntax;
 * whether it is a complete unique key is only known with the supported data model.
 */
export interface SearchSegment {
  readonly type: 'search';
  readonly conditions: readonly SearchCondition[];
  readonly position: number;
}

/** `{i}`: only in supported-model paths (GetSupportedDM). */
export interface SupportedInstanceSegment {
  readonly type: 'supported-instance';
  readonly position: number;
}

export type InstanceSegment = InstanceNumberSegment | WildcardSegment | SearchSegment | SupportedInstanceSegment;
export type PathSegment = NameSegment | InstanceSegment;

export type SearchOperator = '==' | '!=' | '~=' | '<' | '>' | '<=' | '>=';

export const SEARCH_OPERATORS: readonly SearchOperator[] = ['==', '!=', '~=', '<=', '>=', '<', '>'];

/** A relative parameter path inside an expression: `Status`, `Stats.ErrorsSent`, `SSIDReference+.SSID`. */
export interface RelativeParamPath {
  readonly segments: readonly NameSegment[];
}

/**
 * A constant in an expression. Quoted constants are strings (`text` is percent-decoded);
 * unquoted constants are non-string values in their TR-106 lexical form.
 */
export interface SearchValue {
  readonly quoted: boolean;
  readonly text: string;
  /** Exactly as written, quotes and percent-escapes included. */
  readonly raw: string;
  readonly position: number;
}

export interface SearchCondition {
  readonly path: RelativeParamPath;
  readonly operator: SearchOperator;
  readonly value: SearchValue;
  readonly position: number;
}

export interface ParsedPath {
  readonly kind: PathKind;
  /** Segments in order; for parameter/command/event paths the last one is the element's name. */
  readonly segments: readonly PathSegment[];
  /** At least one `*`, `[...]` or `#*+` (the path may address 0..N elements). */
  readonly isSearchPath: boolean;
  readonly hasReferenceFollowing: boolean;
  /** At least one `{i}` (supported-model path, GetSupportedDM only). */
  readonly isSupportedPath: boolean;
}
