import type { InstanceRow, ValueRow } from '../../../shared/model/values';
import type { Db } from '../db';
import { parseJson, prefixEnd } from './json';

interface ValueDbRow {
  path: string;
  value: string;
  read_at: number;
}

interface InstanceDbRow {
  path: string;
  unique_keys: string;
  read_at: number;
}

const INSTANCE_NUMBER = /^(\d+)\.$/;

/** The instantiated data model we last saw per agent: instances and parameter values with their read time. */
export class CacheRepo {
  private readonly upsertValue;
  private readonly upsertInstance;
  private readonly deleteValueRange;
  private readonly deleteInstanceRange;
  private readonly deleteInstance;
  private readonly valueRange;
  private readonly valueOne;
  private readonly instanceRange;
  private readonly valuePage;
  private readonly countValues;
  private readonly latestRead;
  private readonly oldestRead;
  private readonly valueSearch;
  private readonly pathSearch;

  constructor(private readonly db: Db) {
    this.upsertValue = db.prepare<[number, string, string, number]>(
      'INSERT INTO value(agent_id, path, value, read_at) VALUES (?, ?, ?, ?) ON CONFLICT(agent_id, path) DO UPDATE SET value = excluded.value, read_at = excluded.read_at',
    );
    // An instance learnt from a Get carries no keys: keep the ones GetInstances gave us.
    this.upsertInstance = db.prepare<[number, string, string, number]>(
      `INSERT INTO instance(agent_id, path, unique_keys, read_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(agent_id, path) DO UPDATE SET
         unique_keys = CASE WHEN excluded.unique_keys = '{}' THEN unique_keys ELSE excluded.unique_keys END,
         read_at = excluded.read_at`,
    );
    this.deleteValueRange = db.prepare<[number, string, string]>('DELETE FROM value WHERE agent_id = ? AND path >= ? AND path < ?');
    this.deleteInstanceRange = db.prepare<[number, string, string]>('DELETE FROM instance WHERE agent_id = ? AND path >= ? AND path < ?');
    this.deleteInstance = db.prepare<[number, string]>('DELETE FROM instance WHERE agent_id = ? AND path = ?');
    this.valueRange = db.prepare<[number, string, string], ValueDbRow>(
      'SELECT path, value, read_at FROM value WHERE agent_id = ? AND path >= ? AND path < ? ORDER BY path',
    );
    this.valueOne = db.prepare<[number, string], ValueDbRow>('SELECT path, value, read_at FROM value WHERE agent_id = ? AND path = ?');
    this.instanceRange = db.prepare<[number, string, string], InstanceDbRow>(
      'SELECT path, unique_keys, read_at FROM instance WHERE agent_id = ? AND path >= ? AND path < ? ORDER BY path',
    );
    this.valuePage = db.prepare<[number, string, number], ValueDbRow>(
      'SELECT path, value, read_at FROM value WHERE agent_id = ? AND path > ? ORDER BY path LIMIT ?',
    );
    this.countValues = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM value WHERE agent_id = ?');
    this.latestRead = db.prepare<[number], { at: number | null }>('SELECT max(read_at) AS at FROM value WHERE agent_id = ?');
    this.oldestRead = db.prepare<[number], { at: number | null }>('SELECT min(read_at) AS at FROM value WHERE agent_id = ?');
    // instr() rather than LIKE: the needle is plain text, no wildcard escaping needed.
    this.valueSearch = db.prepare<[number, string, number], ValueDbRow>(
      'SELECT path, value, read_at FROM value WHERE agent_id = ? AND instr(lower(value), ?) > 0 ORDER BY path LIMIT ?',
    );
    this.pathSearch = db.prepare<[number, string, number], ValueDbRow>(
      'SELECT path, value, read_at FROM value WHERE agent_id = ? AND instr(lower(path), ?) > 0 ORDER BY path LIMIT ?',
    );
  }

  /** Writes many values at once (callers wrap it in a transaction for batches). */
  putValues(agentId: number, values: Iterable<{ path: string; value: string }>, readAt: number): void {
    for (const v of values) this.upsertValue.run(agentId, v.path, v.value, readAt);
  }

  putInstances(agentId: number, instances: Iterable<{ path: string; uniqueKeys: Record<string, string> }>, readAt: number): void {
    for (const i of instances) this.upsertInstance.run(agentId, i.path, JSON.stringify(i.uniqueKeys), readAt);
  }

  /** Forgets values (and instances, unless `valuesOnly`) at or below an object path. */
  forgetUnder(agentId: number, objectPath: string, valuesOnly = false): void {
    const end = prefixEnd(objectPath);
    this.deleteValueRange.run(agentId, objectPath, end);
    if (!valuesOnly) this.deleteInstanceRange.run(agentId, objectPath, end);
  }

  /** Forgets one instance row and its subtree. */
  forgetInstance(agentId: number, instancePath: string): void {
    this.forgetUnder(agentId, instancePath);
    this.deleteInstance.run(agentId, instancePath);
  }

  value(agentId: number, path: string): ValueRow | undefined {
    const r = this.valueOne.get(agentId, path);
    return r ? { path: r.path, value: r.value, readAt: r.read_at } : undefined;
  }

  /** Values at or below an object path, in path order. */
  valuesUnder(agentId: number, objectPath: string): ValueRow[] {
    return this.valueRange.all(agentId, objectPath, prefixEnd(objectPath)).map((r) => ({ path: r.path, value: r.value, readAt: r.read_at }));
  }

  instancesUnder(agentId: number, objectPath: string): InstanceRow[] {
    return this.instanceRange
      .all(agentId, objectPath, prefixEnd(objectPath))
      .map((r) => ({ path: r.path, uniqueKeys: parseJson(r.unique_keys, {}), readAt: r.read_at }));
  }

  /** Instance numbers of one table (e.g. `Device.WiFi.SSID.`), ascending. */
  instanceNumbers(agentId: number, tablePath: string): number[] {
    const numbers: number[] = [];
    for (const r of this.instanceRange.iterate(agentId, tablePath, prefixEnd(tablePath))) {
      const m = INSTANCE_NUMBER.exec(r.path.slice(tablePath.length));
      if (m) numbers.push(Number(m[1]));
    }
    return numbers.sort((a, b) => a - b);
  }

  /** Every value of an agent in path order, a page at a time (no statement stays open between pages). */
  *iterateValues(agentId: number, pageSize = 2000): Generator<ValueRow> {
    let after = '';
    for (;;) {
      const page = this.valuePage.all(agentId, after, pageSize);
      for (const r of page) yield { path: r.path, value: r.value, readAt: r.read_at };
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.path;
    }
  }

  /** Values whose value (or path) contains `needle`, ignoring ASCII case, in path order; at most `limit`. */
  searchValues(agentId: number, needle: string, field: 'value' | 'path', limit: number): ValueRow[] {
    const statement = field === 'value' ? this.valueSearch : this.pathSearch;
    return statement.all(agentId, needle.toLowerCase(), limit).map((r) => ({ path: r.path, value: r.value, readAt: r.read_at }));
  }

  valueCount(agentId: number): number {
    return this.countValues.get(agentId)!.n;
  }

  /** When the newest cached value was read, or null when nothing is cached. */
  latestReadAt(agentId: number): number | null {
    return this.latestRead.get(agentId)!.at;
  }

  /** When the oldest cached value was read, or null when nothing is cached. */
  oldestReadAt(agentId: number): number | null {
    return this.oldestRead.get(agentId)!.at;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
