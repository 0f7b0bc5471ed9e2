import type { CommandDef, EventDef, ObjectDef, ParamDef, SchemaDocument } from './schema-types';
import { parentSchemaPath, toSupportedPath } from '../../../shared/paths/helpers';

/** One object of the supported data model with its place in the tree. */
export interface SchemaNode {
  /** `{i}` notation, e.g. `Device.WiFi.SSID.{i}.` (tables) or `Device.WiFi.` (single objects). */
  readonly path: string;
  /** Last name segment: the table name for tables (`SSID`), the object name otherwise. */
  readonly name: string;
  readonly multi: boolean;
  readonly access: 'R' | 'RW';
  readonly uniqueKeys: readonly (readonly string[])[];
  readonly params: ReadonlyMap<string, ParamDef>;
  readonly commands: ReadonlyMap<string, CommandDef>;
  readonly events: ReadonlyMap<string, EventDef>;
  readonly children: readonly SchemaNode[];
  readonly parent: SchemaNode | null;
}

interface MutableNode {
  path: string;
  name: string;
  multi: boolean;
  access: 'R' | 'RW';
  uniqueKeys: string[][];
  params: Map<string, ParamDef>;
  commands: Map<string, CommandDef>;
  events: Map<string, EventDef>;
  children: MutableNode[];
  parent: MutableNode | null;
}

/** `Device.WiFi.SSID.3.Stats.` → `Device.WiFi.SSID.{i}.Stats.`: the shared toSupportedPath, by the simulator's name. */
export const toSchemaPath: (instancePath: string) => string = toSupportedPath;

function nameOf(path: string): string {
  const trimmed = path.endsWith('{i}.') ? path.slice(0, -'{i}.'.length) : path;
  const segs = trimmed.slice(0, -1).split('.');
  return segs[segs.length - 1] ?? '';
}

/**
 * The supported data model: shared, immutable, one per process however many
 * simulated agents use it (SimFleet shares it between agents).
 */
export class Schema {
  private readonly nodes = new Map<string, MutableNode>();
  readonly root: SchemaNode;

  constructor(documents: readonly SchemaDocument[]) {
    for (const doc of documents) for (const def of doc.objects) this.merge(def);
    for (const path of [...this.nodes.keys()]) this.ensureAncestors(path);
    for (const node of this.nodes.values()) {
      const parentPath = parentSchemaPath(node.path);
      if (parentPath === null) continue;
      const parent = this.nodes.get(parentPath);
      if (!parent) throw new Error(`schema: no parent for ${node.path}`);
      node.parent = parent;
      parent.children.push(node);
    }
    for (const node of this.nodes.values()) node.children.sort((a, b) => (a.path < b.path ? -1 : 1));
    const root = this.nodes.get('Device.');
    if (!root) throw new Error('schema: no Device. object');
    this.root = root;
  }

  /** The node for a schema path (`Device.WiFi.SSID.{i}.`) or an instance path (`Device.WiFi.SSID.1.`). */
  node(path: string): SchemaNode | undefined {
    return this.nodes.get(toSchemaPath(path));
  }

  /** The table node whose rows live under `tablePath` (`Device.WiFi.SSID.` or `Device.WiFi.AccessPoint.1.AssociatedDevice.`). */
  table(tablePath: string): SchemaNode | undefined {
    const node = this.nodes.get(toSchemaPath(tablePath) + '{i}.');
    return node?.multi ? node : undefined;
  }

  allNodes(): IterableIterator<SchemaNode> {
    return this.nodes.values();
  }

  /** Number of parameters in the supported model (not counting instances). */
  get parameterCount(): number {
    let n = 0;
    for (const node of this.nodes.values()) n += node.params.size;
    return n;
  }

  private merge(def: ObjectDef): void {
    const existing = this.nodes.get(def.path);
    const node = existing ?? this.create(def.path, def.multi);
    node.access = def.access;
    if (def.uniqueKeys.length > 0) node.uniqueKeys = def.uniqueKeys.map((k) => [...k]);
    for (const p of def.params) node.params.set(p.name, p);
    for (const c of def.commands) node.commands.set(c.name, c);
    for (const e of def.events) node.events.set(e.name, e);
  }

  private create(path: string, multi: boolean): MutableNode {
    const node: MutableNode = {
      path,
      name: nameOf(path),
      multi,
      access: 'R',
      uniqueKeys: [],
      params: new Map(),
      commands: new Map(),
      events: new Map(),
      children: [],
      parent: null,
    };
    this.nodes.set(path, node);
    return node;
  }

  private ensureAncestors(path: string): void {
    let parent = parentSchemaPath(path);
    while (parent !== null && !this.nodes.has(parent)) {
      this.create(parent, parent.endsWith('{i}.'));
      parent = parentSchemaPath(parent);
    }
  }
}
