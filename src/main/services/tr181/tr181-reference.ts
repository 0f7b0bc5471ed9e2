import { deviceModelFacts, type ArgFacts, type DeviceModelFacts, type ObjectFacts, type ParamFacts } from './tr181-facts';

/**
 * Lookups in the built-in TR-181 reference by schema path ({i} notation), e.g.
 * param('Device.WiFi.SSID.{i}.', 'SSID'). Anything the standard does not define (vendor
 * objects, X_ parameters, agent-specific commands) answers undefined.
 */
export class Tr181Reference {
  constructor(private readonly facts: () => DeviceModelFacts = deviceModelFacts) {}

  private volatiles: Set<string> | undefined;
  private secureds: Set<string> | undefined;

  /** Whether the standard flags a parameter (schema path) `secured`: a credential an export withholds. */
  isSecured(schemaPath: string): boolean {
    this.secureds ??= this.paramsWhere((_path, p) => p.secured === true);
    return this.secureds.has(schemaPath);
  }

  /**
   * Whether a parameter (schema path) changes by itself: marked `volatile` by the standard
   * (uptimes, clocks, timers), or a statistic (a StatsCounter, or in a `.Stats.` object).
   */
  isVolatile(schemaPath: string): boolean {
    this.volatiles ??= this.paramsWhere((path, p) => p.volatile === true || path.endsWith('.Stats.') || p.dataType?.startsWith('StatsCounter') === true);
    return this.volatiles.has(schemaPath);
  }

  /** The schema paths of the parameters `wanted` picks (given its object's path). */
  private paramsWhere(wanted: (objectPath: string, p: ParamFacts) => boolean): Set<string> {
    const out = new Set<string>();
    for (const [path, o] of Object.entries(this.facts().objects)) {
      for (const [name, p] of Object.entries(o.params ?? {})) if (wanted(path, p)) out.add(path + name);
    }
    return out;
  }

  get model(): string {
    return this.facts().model;
  }

  object(schemaPath: string): ObjectFacts | undefined {
    return Object.hasOwn(this.facts().objects, schemaPath) ? this.facts().objects[schemaPath] : undefined;
  }

  param(objectSchemaPath: string, name: string): ParamFacts | undefined {
    return own(this.object(objectSchemaPath)?.params, name);
  }

  /** A command's input or output argument; `name` as GSDM reports it ('Host', 'RouteHops.{i}.Host'). */
  commandArg(objectSchemaPath: string, command: string, direction: 'input' | 'output', name: string): ParamFacts | undefined {
    return argIn(own(this.object(objectSchemaPath)?.commands, command)?.[direction], name);
  }

  eventArg(objectSchemaPath: string, event: string, name: string): ParamFacts | undefined {
    return argIn(own(this.object(objectSchemaPath)?.events, event)?.args, name);
  }
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Plain arguments by name; arguments inside argument tables by `Table.{i}.Name`. */
function argIn(args: Record<string, ArgFacts> | undefined, name: string): ParamFacts | undefined {
  const direct = own(args, name);
  if (direct) return 'object' in direct ? undefined : direct;
  const cut = name.lastIndexOf('.');
  if (cut < 0) return undefined;
  const table = own(args, name.slice(0, cut + 1));
  return table && 'object' in table ? own(table.params, name.slice(cut + 1)) : undefined;
}
