/** TR-106 base types as GetSupportedDM reports them in `value_type`. */
export type ParamType =
  | 'unknown'
  | 'base64'
  | 'boolean'
  | 'dateTime'
  | 'decimal'
  | 'hexBinary'
  | 'int'
  | 'long'
  | 'string'
  | 'unsignedInt'
  | 'unsignedLong';

export const PARAM_TYPES: readonly ParamType[] = [
  'unknown',
  'base64',
  'boolean',
  'dateTime',
  'decimal',
  'hexBinary',
  'int',
  'long',
  'string',
  'unsignedInt',
  'unsignedLong',
];

export type ObjectAccess = 'readOnly' | 'addDelete' | 'addOnly' | 'deleteOnly';
export type ParamAccess = 'readOnly' | 'readWrite' | 'writeOnly';
export type ValueChangeSupport = 'unknown' | 'allowed' | 'willIgnore';
export type CommandType = 'unknown' | 'sync' | 'async';

export interface SupportedParam {
  /** Relative to the owning object, e.g. `SSID`. */
  name: string;
  access: ParamAccess;
  type: ParamType;
  valueChange: ValueChangeSupport;
  /** TR-181 `secured`/`hidden`: not in GSDM itself; set when a built-in model or the simulator says so. */
  secured?: boolean;
}

export interface SupportedCommand {
  /** e.g. `Reboot()`. */
  name: string;
  type: CommandType;
  inputArgs: string[];
  outputArgs: string[];
}

export interface SupportedEvent {
  /** e.g. `Boot!`. */
  name: string;
  args: string[];
}

/** One SupportedObjectResult of a GetSupportedDMResp, as plain data. */
export interface SupportedObject {
  /** `{i}` notation with trailing dot, e.g. `Device.WiFi.SSID.{i}.`. */
  path: string;
  access: ObjectAccess;
  isMultiInstance: boolean;
  params: SupportedParam[];
  commands: SupportedCommand[];
  events: SupportedEvent[];
  /** Each entry is one (possibly compound) unique key; empty before USP 1.4. */
  uniqueKeySets: string[][];
  /** Instance paths whose subtree differs (mount points); query each separately. */
  divergentPaths: string[];
}
