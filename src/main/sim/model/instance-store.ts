/** Parameter values of one object instance, name → USP string. */
export type ObjectValues = Record<string, string>;

/** A frozen set of instances and values that many stores can share (copy-on-write base). */
export interface StoreLayer {
  readonly objects: ReadonlyMap<string, ObjectValues>;
  readonly tables: ReadonlyMap<string, readonly number[]>;
  readonly nextInstance: ReadonlyMap<string, number>;
}

/**
 * The instantiated data model of one agent: every existing object instance (paths with
 * instance numbers and trailing dot, single-instance sub-objects included) and its values.
 * Reads fall through to a shared base layer; the first write to an object copies that one
 * object, so 1,000 agents built on one seed cost little more than their own changes.
 */
export class InstanceStore {
  private readonly own = new Map<string, ObjectValues | null>();
  private readonly ownTables = new Map<string, number[]>();
  private readonly ownNext = new Map<string, number>();

  constructor(private readonly base: StoreLayer = { objects: new Map(), tables: new Map(), nextInstance: new Map() }) {}

  has(objPath: string): boolean {
    const own = this.own.get(objPath);
    if (own !== undefined) return own !== null;
    return this.base.objects.has(objPath);
  }

  /** The values of one object instance, or undefined when it does not exist. Do not mutate. */
  values(objPath: string): Readonly<ObjectValues> | undefined {
    const own = this.own.get(objPath);
    if (own !== undefined) return own ?? undefined;
    return this.base.objects.get(objPath);
  }

  get(objPath: string, name: string): string | undefined {
    return this.values(objPath)?.[name];
  }

  /** Writes one value of an existing object; returns false when the object does not exist. */
  set(objPath: string, name: string, value: string): boolean {
    const writable = this.writable(objPath);
    if (!writable) return false;
    writable[name] = value;
    return true;
  }

  /** Creates (or replaces) an object instance with these values. */
  putObject(objPath: string, values: ObjectValues): void {
    this.own.set(objPath, { ...values });
  }

  removeObject(objPath: string): void {
    if (this.base.objects.has(objPath)) this.own.set(objPath, null);
    else this.own.delete(objPath);
  }

  /** Instance numbers of the rows of a table, in creation order (`Device.WiFi.SSID.`). */
  instances(tablePath: string): readonly number[] {
    return this.ownTables.get(tablePath) ?? this.base.tables.get(tablePath) ?? [];
  }

  /** Registers a row number in a table and returns it; the next free number when `instance` is omitted (numbers are never reused). */
  addRow(tablePath: string, instance?: number): number {
    const rows = this.writableTable(tablePath);
    const next = this.nextRow(tablePath);
    const n = instance ?? next;
    if (!rows.includes(n)) rows.push(n);
    this.ownNext.set(tablePath, Math.max(next, n + 1));
    return n;
  }

  /** The number addRow would give the next row of this table. */
  nextRow(tablePath: string): number {
    return this.ownNext.get(tablePath) ?? this.base.nextInstance.get(tablePath) ?? 1;
  }

  removeRow(tablePath: string, instance: number): void {
    const rows = this.writableTable(tablePath);
    const at = rows.indexOf(instance);
    if (at >= 0) rows.splice(at, 1);
  }

  /** Folds this store (base + own changes) into a new frozen layer other stores can share. */
  toLayer(): StoreLayer {
    const objects = new Map(this.base.objects);
    for (const [path, values] of this.own) {
      if (values === null) objects.delete(path);
      else objects.set(path, values);
    }
    const tables = new Map<string, readonly number[]>(this.base.tables);
    for (const [path, rows] of this.ownTables) tables.set(path, rows);
    const nextInstance = new Map(this.base.nextInstance);
    for (const [path, n] of this.ownNext) nextInstance.set(path, n);
    return { objects, tables, nextInstance };
  }

  /** Drops every own change: back to the shared base (factory reset). */
  reset(): void {
    this.own.clear();
    this.ownTables.clear();
    this.ownNext.clear();
  }

  /** How many objects this store holds privately (not shared with its base). */
  get ownObjectCount(): number {
    return this.own.size;
  }

  private writable(objPath: string): ObjectValues | undefined {
    const own = this.own.get(objPath);
    if (own !== undefined) return own ?? undefined;
    const shared = this.base.objects.get(objPath);
    if (!shared) return undefined;
    const copy = { ...shared };
    this.own.set(objPath, copy);
    return copy;
  }

  private writableTable(tablePath: string): number[] {
    let rows = this.ownTables.get(tablePath);
    if (!rows) {
      rows = [...(this.base.tables.get(tablePath) ?? [])];
      this.ownTables.set(tablePath, rows);
    }
    return rows;
  }
}
