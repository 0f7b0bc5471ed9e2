// The built-in TR-181 reference: resources/tr181/device-2.json (Device:2.19, facts only; its
// README says how it was generated). Bundled as text and parsed on first use, so start-up and
// the typecheck do not pay for its 6,581 parameters.
import deviceModelText from '../../../../resources/tr181/device-2.json?raw';

export interface RangeFacts {
  min?: number;
  max?: number;
}

/** A parameter or a command/event argument, as the file spells it. */
export interface ParamFacts {
  type: string;
  access?: string;
  list?: boolean;
  minLength?: number;
  maxLength?: number;
  ranges?: RangeFacts[];
  enumerations?: string[];
  units?: string;
  default?: string;
  volatile?: boolean;
  secured?: boolean;
  mandatory?: boolean;
  dataType?: string;
  status?: string;
  pathRef?: { targetParent?: string[] };
}

/** An argument table of a command or event, e.g. `RouteHops.{i}.`. */
export interface ArgTableFacts {
  object: true;
  params: Record<string, ParamFacts>;
}

export type ArgFacts = ParamFacts | ArgTableFacts;

export interface CommandFacts {
  async: boolean;
  input?: Record<string, ArgFacts>;
  output?: Record<string, ArgFacts>;
}

export interface EventFacts {
  args?: Record<string, ArgFacts>;
}

export interface ObjectFacts {
  access: string;
  multiInstance: boolean;
  uniqueKeys?: string[][];
  params?: Record<string, ParamFacts>;
  commands?: Record<string, CommandFacts>;
  events?: Record<string, EventFacts>;
}

export interface DeviceModelFacts {
  model: string;
  objects: Record<string, ObjectFacts>;
}

let parsed: DeviceModelFacts | undefined;

/**
 * The whole reference, parsed once. Vite (the builds, vitest) imports the file as text; tsx (the
 * CLI run from source, as the benches do) ignores `?raw` and hands over the parsed JSON.
 */
export function deviceModelFacts(): DeviceModelFacts {
  const imported: unknown = deviceModelText;
  parsed ??= (typeof imported === 'string' ? JSON.parse(imported) : imported) as DeviceModelFacts;
  return parsed;
}
