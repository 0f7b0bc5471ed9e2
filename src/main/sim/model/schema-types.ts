// The simulator's data-model schema, as stored in resources/sim/*.json: objects in `{i}`
// notation with TR-181 types, access, constraints and defaults.

import type { BaseType } from '../../usp/paths/value-types';

export type { BaseType };

/** `R` read-only, `W` read-write, `W1` writeOnceReadOnly (settable in the Add that creates the row). */
export type ParamAccessDef = 'R' | 'W' | 'W1';

/** Type and constraints shared by parameters and command/event arguments. */
export interface ValueDef {
  name: string;
  /** Named TR-106 type (Alias, MACAddress, StatsCounter64…) when there is one. */
  type?: string;
  base: BaseType;
  list?: boolean;
  enum?: string[];
  /** "one of the values listed in X": X is a sibling parameter holding the allowed values. */
  enumFrom?: string;
  ranges?: [number | null, number | null][];
  minLen?: number;
  maxLen?: number;
  maxBytes?: number;
  bytes?: number[];
  maxItems?: number;
  pattern?: string;
  ref?: { target: string; strong: boolean };
  defaultOnCreate?: string;
  defaultIfOmitted?: string;
}

export interface ParamDef extends ValueDef {
  access: ParamAccessDef;
  /** TR-181 `secured`: reads back as "". */
  secure?: boolean;
}

export interface ArgDef extends ValueDef {
  /** `in M`: a missing value fails the Operate with 7027 (R-OPR.5). */
  mandatory?: boolean;
}

export interface CommandDef {
  /** With the parentheses, e.g. `Reboot()`. */
  name: string;
  async: boolean;
  input: ArgDef[];
  output: ArgDef[];
}

export interface EventDef {
  /** With the bang, e.g. `Boot!`. */
  name: string;
  args: ValueDef[];
}

export interface ObjectDef {
  /** `{i}` notation with trailing dot, e.g. `Device.WiFi.SSID.{i}.`. */
  path: string;
  multi: boolean;
  /** Tables: `RW` = a controller may Add/Delete rows. */
  access: 'R' | 'RW';
  uniqueKeys: string[][];
  params: ParamDef[];
  commands: CommandDef[];
  events: EventDef[];
}

/** The JSON document shape of resources/sim/*-schema.json. */
export interface SchemaDocument {
  source?: string;
  objects: ObjectDef[];
}
