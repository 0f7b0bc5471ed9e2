import { InstanceStore, type ObjectValues } from './instance-store';
import { Schema, type SchemaNode } from './schema';
import { nullValue } from './value-check';

/** Something that changed in the instantiated model; the subscription engine turns these into Notify. */
export type ModelChange =
  | { kind: 'value'; path: string; value: string }
  | { kind: 'created'; path: string; uniqueKeys: Record<string, string> }
  | { kind: 'deleted'; path: string };

/** `Device.WiFi.SSID.3.` → { table: `Device.WiFi.SSID.`, instance: 3 }; null when not a row path. */
export function splitInstancePath(objPath: string): { table: string; instance: number } | null {
  const m = /^(.*\.)(\d+)\.$/.exec(objPath);
  return m?.[1] !== undefined && m[2] !== undefined ? { table: m[1], instance: Number(m[2]) } : null;
}

/** `Device.WiFi.SSID.1.SSID` → [`Device.WiFi.SSID.1.`, `SSID`]. */
export function splitParamPath(path: string): [string, string] {
  const cut = path.lastIndexOf('.');
  return [path.slice(0, cut + 1), path.slice(cut + 1)];
}

/**
 * One agent's instantiated data model: the shared schema plus its own instance store,
 * with the bookkeeping TR-181 asks for (NumberOfEntries counters, single-instance
 * sub-objects of new rows, defaults on create) and a change feed for notifications.
 */
export class DataModel {
  private readonly listeners: ((change: ModelChange) => void)[] = [];

  constructor(
    readonly schema: Schema,
    readonly store: InstanceStore,
  ) {}

  onChange(listener: (change: ModelChange) => void): void {
    this.listeners.push(listener);
  }

  exists(objPath: string): boolean {
    return this.store.has(objPath);
  }

  values(objPath: string): Readonly<ObjectValues> | undefined {
    return this.store.values(objPath);
  }

  /** A parameter value by full path, or undefined. */
  get(paramPath: string): string | undefined {
    const [obj, name] = splitParamPath(paramPath);
    return this.store.get(obj, name);
  }

  /** Writes a value (no validation: handlers validate first) and reports it when it changed. */
  setValue(objPath: string, name: string, value: string): void {
    const old = this.store.get(objPath, name);
    if (!this.store.set(objPath, name, value) || old === value) return;
    this.emit({ kind: 'value', path: objPath + name, value });
  }

  /** Instance numbers of a table (`Device.WiFi.SSID.`). */
  instances(tablePath: string): readonly number[] {
    return this.store.instances(tablePath);
  }

  /** Immediate child object instances: single sub-objects and every row of child tables. */
  children(objPath: string): string[] {
    const node = this.schema.node(objPath);
    if (!node) return [];
    const out: string[] = [];
    for (const child of node.children) {
      const base = objPath + child.name + '.';
      if (child.multi) for (const n of this.store.instances(base)) out.push(`${base}${n}.`);
      else if (this.store.has(base)) out.push(base);
    }
    return out;
  }

  /** Visits objPath and its descendants, depth 1 = objPath itself; maxDepth 0 = unlimited. */
  walk(objPath: string, maxDepth: number, visit: (path: string, depth: number) => void, depth = 1): void {
    visit(objPath, depth);
    if (maxDepth !== 0 && depth >= maxDepth) return;
    for (const child of this.children(objPath)) this.walk(child, maxDepth, visit, depth + 1);
  }

  /** The unique-key values of a row, every key set flattened into one map. */
  uniqueKeys(instPath: string): Record<string, string> {
    const node = this.schema.node(instPath);
    const values = this.store.values(instPath) ?? {};
    const out: Record<string, string> = {};
    for (const set of node?.uniqueKeys ?? []) for (const k of set) if (values[k] !== undefined) out[k] = values[k];
    return out;
  }

  /**
   * Creates a table row with defaults for everything not given (`values` keys may descend
   * into single-instance sub-objects: `Security.ModeEnabled`), creates its sub-objects,
   * bumps `<Table>NumberOfEntries` and reports the creation. Returns the new row path.
   */
  createInstance(tablePath: string, values: Record<string, string>, instance?: number): string {
    const table = this.schema.table(tablePath);
    if (!table) throw new Error(`${tablePath} is not a table`);
    const template = this.store.instances(tablePath)[0];
    const n = this.store.addRow(tablePath, instance);
    const path = `${tablePath}${n}.`;
    this.materialise(table, path, values, '', template === undefined ? null : `${tablePath}${template}.`);
    this.updateCount(tablePath);
    this.emit({ kind: 'created', path, uniqueKeys: this.uniqueKeys(path) });
    return path;
  }

  /** Deletes a row and everything under it; nested rows are reported before the row itself. */
  deleteInstance(instPath: string): void {
    const split = splitInstancePath(instPath);
    if (!split || !this.store.has(instPath)) return;
    this.removeSubtree(instPath);
    this.store.removeRow(split.table, split.instance);
    this.updateCount(split.table);
    this.emit({ kind: 'deleted', path: instPath });
  }

  /** Parameters in the instantiated model (counts every value of every object). */
  parameterCount(): number {
    let n = 0;
    this.walk('Device.', 0, (path) => {
      n += Object.keys(this.store.values(path) ?? {}).length;
    });
    return n;
  }

  private removeSubtree(objPath: string): void {
    for (const child of this.children(objPath)) {
      const split = splitInstancePath(child);
      this.removeSubtree(child);
      if (split) {
        this.store.removeRow(split.table, split.instance);
        this.emit({ kind: 'deleted', path: child });
      }
    }
    this.store.removeObject(objPath);
  }

  private materialise(node: SchemaNode, path: string, values: Record<string, string>, prefix: string, template: string | null): void {
    const own: ObjectValues = {};
    for (const def of node.params.values()) {
      // Capabilities of a new row (ModesSupported, WMMCapability…) are the hardware's: copy them from an existing row.
      const capability = def.access === 'R' && /(Supported|Capability|Capable)$/.test(def.name) && template !== null;
      const inherited = capability ? this.store.get(template, def.name) : undefined;
      own[def.name] = values[prefix + def.name] ?? def.defaultOnCreate ?? inherited ?? nullValue(def);
    }
    this.store.putObject(path, own);
    for (const child of node.children) {
      if (child.multi) continue;
      const childTemplate = template === null ? null : `${template}${child.name}.`;
      this.materialise(child, `${path}${child.name}.`, values, `${prefix}${child.name}.`, childTemplate);
    }
  }

  private updateCount(tablePath: string): void {
    const table = this.schema.table(tablePath);
    if (!table) return;
    const parent = tablePath.slice(0, tablePath.length - table.name.length - 1);
    const counter = `${table.name}NumberOfEntries`;
    if (this.schema.node(parent)?.params.has(counter)) this.setValue(parent, counter, String(this.store.instances(tablePath).length));
  }

  private emit(change: ModelChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
