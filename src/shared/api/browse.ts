import type {
  CommandKind, DataSource, ObjAccess, ParamAccess, ParamType, ReferenceFacts, ValueChangeSupport, ValueConstraints,
} from './common';

/** A value as cached by the controller, with the time it was read from the agent. */
export interface CachedValue {
  /** Full parameter path with instance numbers. */
  path: string;
  value: string;
  /** When the agent reported this value (Get/Set response or ValueChange). */
  readAt: number;
}

/** Schema of one parameter (from GetSupportedDM, plus optional constraints). */
export interface ParamSchema {
  /** Relative name, e.g. 'SSID'. */
  name: string;
  type: ParamType;
  access: ParamAccess;
  valueChange: ValueChangeSupport;
  constraints?: ValueConstraints;
  /** From the built-in TR-181 reference; absent when the host has none. */
  reference?: ReferenceFacts;
}

/** Input/output argument of a command or argument of an event. */
export interface ArgSchema {
  /** Relative name as GSDM reports it, e.g. 'URL' or 'Result.{i}.SSID'. */
  name: string;
  /** Known type or 'unknown' (GSDM gives only names; hosts may enrich from a TR-181 table). */
  type: ParamType;
  /** Mandatory input argument (missing → cmd_failure 7027), when known. */
  mandatory?: boolean;
  constraints?: ValueConstraints;
  /** From the built-in TR-181 reference; absent when the host has none. */
  reference?: ReferenceFacts;
}

export interface CommandSchema {
  /** Relative name with parentheses, e.g. 'Reboot()'. */
  name: string;
  kind: CommandKind;
  inputArgs: ArgSchema[];
  outputArgs: ArgSchema[];
}

export interface EventSchema {
  /** Relative name with '!', e.g. 'Boot!'. */
  name: string;
  args: ArgSchema[];
}

/** What kind of node a child object entry is. */
export type ObjectNodeKind =
  /** Single-instance object, e.g. Device.DeviceInfo. */
  | 'object'
  /** Multi-instance table itself, e.g. Device.WiFi.SSID. (children are its instances). */
  | 'table'
  /** A row of a table, e.g. Device.WiFi.SSID.1. */
  | 'instance';

export interface ObjectEntry {
  kind: ObjectNodeKind;
  /** Last path segment: 'DeviceInfo', 'SSID', or the instance number '1'. */
  name: string;
  /** Full instantiated path ending in '.', e.g. 'Device.WiFi.SSID.1.'. */
  path: string;
  /** Schema path in {i} notation, e.g. 'Device.WiFi.SSID.{i}.'. */
  schemaPath: string;
  access: ObjAccess;
  /** For 'instance': its unique keys (relative name → value), from GetInstances/Add; {} if unknown. */
  uniqueKeys?: Record<string, string>;
  /** For 'table': number of instances known (cache), null if never listed. */
  instanceCount?: number | null;
  /** Whether the node may have children (false lets the UI hide the expander). */
  hasChildren: boolean;
}

/** A parameter of the object, its schema merged with the cached value. */
export interface ParamEntry {
  /** Full instantiated path, e.g. 'Device.WiFi.SSID.1.SSID'. */
  path: string;
  schema: ParamSchema;
  /** Cached value; null when never read (or unreadable). */
  value: string | null;
  /** When the value was read; null when never read. */
  readAt: number | null;
}

/** Schema of the object being listed (for Add forms, access badges). */
export interface ObjectSchemaInfo {
  /** Schema path in {i} notation. */
  schemaPath: string;
  access: ObjAccess;
  isMultiInstance: boolean;
  /** GSDM unique_key_sets: each entry is one (possibly compound) key. */
  uniqueKeySets: string[][];
  /** Parameters of one row/the object (for the Add instance form), when this is a table. */
  params: ParamSchema[];
}

/**
 * Children of one object path: the merge of the supported schema, the instances, and the
 * cached values (architecture: browse service). Returned for an object, table or instance path.
 */
export interface ObjectChildren {
  agentId: string;
  /** The requested instantiated object path (ends with '.'); 'Device.' for the root. */
  path: string;
  object: ObjectSchemaInfo;
  /** Child objects, tables (for a table path: its instances), sorted by name / instance number. */
  objects: ObjectEntry[];
  /** Parameters directly on this object (none for a table path). */
  params: ParamEntry[];
  commands: CommandSchema[];
  events: EventSchema[];
  /** 'live' when instances/values were refreshed from the agent for this call, else 'cache'. */
  source: DataSource;
  /** Oldest readAt among `params` (for the "values are N min old" banner); null if no values. */
  oldestReadAt: number | null;
}

export interface GetChildrenOptions {
  /**
   * true: ask the agent (GetInstances first level + Get max_depth 1) before answering when
   * it is online. false/absent: answer from the cache, fetching only what was never loaded.
   */
  refresh?: boolean;
}

/** Summary of the supported data model known for an agent. */
export interface SupportedDMInfo {
  agentId: string;
  /** data_model_inst_uri values reported. */
  dataModelUris: string[];
  objectCount: number;
  paramCount: number;
  commandCount: number;
  eventCount: number;
  fetchedAt: number | null;
  source: DataSource;
}

export interface GetSupportedDMOptions {
  /** Fetch again from the agent even if cached. */
  refresh?: boolean;
  /** Id for 'progress' events of this fetch (host generates one if absent). */
  progressId?: string;
}

export interface RefreshResult {
  agentId: string;
  /** The requested path. */
  path: string;
  /** 'live' = just read from the agent; 'cache' = agent offline, cached values returned. */
  source: DataSource;
  values: CachedValue[];
  /** Per requested path errors from GetResp (err_code != 0), e.g. 7026 invalid path. */
  errors: { path: string; errCode: number; errMsg: string }[];
}

export type SearchKind =
  /** Query is a USP path, maybe with '*' and [expr] search expressions, or a partial path prefix. */
  | 'path'
  /** Query is text; matches parameter values (case-insensitive substring). */
  | 'value'
  /** Query is text; matches parameter/object names (case-insensitive substring of the full path). */
  | 'name';

export interface SearchQuery {
  kind: SearchKind;
  text: string;
  /** Max matches returned; default 500, at most 5000. */
  limit?: number;
  /** For kind 'path': resolve on the live agent when online (default true); else on the cache. */
  live?: boolean;
  /** Names the 'search' progress events pushed while the agent is read live. */
  progressId?: string;
}

export interface SearchMatch {
  kind: 'param' | 'object' | 'command' | 'event';
  /** Full instantiated path. */
  path: string;
  value?: string;
  readAt?: number;
  type?: ParamType;
}

export interface SearchResult {
  matches: SearchMatch[];
  /** More matches existed than `limit`. */
  truncated: boolean;
  source: DataSource;
}
