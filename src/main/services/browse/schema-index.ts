import type { SupportedObject } from '../../../shared/model/schema';

/** A child object or table of a schema object, by its relative name. */
export interface SchemaChild {
  name: string;
  kind: 'object' | 'table';
  /** Schema path of the child object, e.g. 'Device.WiFi.' or 'Device.WiFi.SSID.{i}.'. */
  schemaPath: string;
}

/**
 * An agent's supported data model indexed for browsing: objects by `{i}` path and the
 * direct children of each object, so listing one node does not scan the whole schema.
 */
export class SchemaIndex {
  readonly byPath = new Map<string, SupportedObject>();
  private readonly childrenOf = new Map<string, SchemaChild[]>();
  readonly paramCount: number;
  readonly commandCount: number;
  readonly eventCount: number;

  constructor(objects: readonly SupportedObject[]) {
    let params = 0;
    let commands = 0;
    let events = 0;
    for (const o of objects) {
      this.byPath.set(o.path, o);
      params += o.params.length;
      commands += o.commands.length;
      events += o.events.length;
    }
    this.paramCount = params;
    this.commandCount = commands;
    this.eventCount = events;
    for (const o of objects) {
      const table = /^(.*\.)([^.{}]+)\.\{i\}\.$/.exec(o.path);
      const single = /^(.*\.)([^.{}]+)\.$/.exec(o.path);
      const match = table ?? single;
      if (!match) continue;
      const parent = match[1]!;
      const list = this.childrenOf.get(parent) ?? [];
      list.push({ name: match[2]!, kind: table ? 'table' : 'object', schemaPath: o.path });
      this.childrenOf.set(parent, list);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  }

  get size(): number {
    return this.byPath.size;
  }

  children(schemaPath: string): SchemaChild[] {
    return this.childrenOf.get(schemaPath) ?? [];
  }

  /** The row schema when `schemaPath` names a table ('Device.WiFi.SSID.' → 'Device.WiFi.SSID.{i}.'). */
  tableRow(schemaPath: string): SupportedObject | undefined {
    const row = this.byPath.get(`${schemaPath}{i}.`);
    return row?.isMultiInstance ? row : undefined;
  }
}
