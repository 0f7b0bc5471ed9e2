import type {
  ObjectAccess,
  ParamAccess,
  ParamType,
  SupportedCommand,
  SupportedEvent,
  SupportedObject,
  SupportedParam,
  ValueChangeSupport,
} from '../../../shared/model/schema';
import type { Db } from '../db';
import { parseJson, prefixEnd } from './json';

interface ObjectDbRow {
  path: string;
  access: string;
  multi_instance: number;
  commands: string;
  events: string;
  unique_key_sets: string;
  divergent_paths: string;
}

interface ParamDbRow {
  object_path: string;
  name: string;
  access: string;
  type: string;
  value_change: string;
  secured: number;
}

/** Type and secured flag of one supported parameter, keyed by its full `{i}` path. */
export interface ParamTypeInfo {
  type: ParamType;
  secured: boolean;
}

function toParam(r: ParamDbRow): SupportedParam {
  const p: SupportedParam = {
    name: r.name,
    access: r.access as ParamAccess,
    type: r.type as ParamType,
    valueChange: r.value_change as ValueChangeSupport,
  };
  if (r.secured === 1) p.secured = true;
  return p;
}

/** Each agent's supported data model (GetSupportedDM results). */
export class SchemaRepo {
  private readonly insertObject;
  private readonly insertParam;
  private readonly deleteObject;
  private readonly deleteParams;
  private readonly deleteAllObjects;
  private readonly deleteAllParams;
  private readonly objectsUnder;
  private readonly paramsUnder;
  private readonly allParams;

  constructor(private readonly db: Db) {
    this.insertObject = db.prepare(
      `INSERT OR REPLACE INTO supported_object(agent_id, path, access, multi_instance, commands, events, unique_key_sets, divergent_paths, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertParam = db.prepare(
      'INSERT OR REPLACE INTO supported_param(agent_id, object_path, name, access, type, value_change, secured) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.deleteObject = db.prepare<[number, string]>('DELETE FROM supported_object WHERE agent_id = ? AND path = ?');
    this.deleteParams = db.prepare<[number, string]>('DELETE FROM supported_param WHERE agent_id = ? AND object_path = ?');
    this.deleteAllObjects = db.prepare<[number]>('DELETE FROM supported_object WHERE agent_id = ?');
    this.deleteAllParams = db.prepare<[number]>('DELETE FROM supported_param WHERE agent_id = ?');
    this.objectsUnder = db.prepare<[number, string, string], ObjectDbRow>(
      'SELECT * FROM supported_object WHERE agent_id = ? AND path >= ? AND path < ? ORDER BY path',
    );
    this.paramsUnder = db.prepare<[number, string, string], ParamDbRow>(
      'SELECT * FROM supported_param WHERE agent_id = ? AND object_path >= ? AND object_path < ? ORDER BY object_path, name',
    );
    this.allParams = db.prepare<[number], ParamDbRow>('SELECT * FROM supported_param WHERE agent_id = ?');
  }

  /**
   * Stores GetSupportedDM objects. `replaceAll` (a full GSDM of `Device.`) first forgets the
   * agent's whole schema; otherwise each returned object replaces its earlier version.
   */
  save(agentId: number, objects: readonly SupportedObject[], readAt: number, replaceAll: boolean): void {
    this.db.transaction(() => {
      if (replaceAll) {
        this.deleteAllParams.run(agentId);
        this.deleteAllObjects.run(agentId);
      }
      for (const o of objects) {
        this.deleteParams.run(agentId, o.path);
        this.deleteObject.run(agentId, o.path);
        this.insertObject.run(
          agentId,
          o.path,
          o.access,
          o.isMultiInstance ? 1 : 0,
          JSON.stringify(o.commands),
          JSON.stringify(o.events),
          JSON.stringify(o.uniqueKeySets),
          JSON.stringify(o.divergentPaths),
          readAt,
        );
        for (const p of o.params) this.insertParam.run(agentId, o.path, p.name, p.access, p.type, p.valueChange, p.secured ? 1 : 0);
      }
    })();
  }

  /** Supported objects at or below `prefix` (an object path in `{i}` notation; default the whole model). */
  objects(agentId: number, prefix = 'Device.'): SupportedObject[] {
    const end = prefixEnd(prefix);
    const params = new Map<string, SupportedParam[]>();
    for (const r of this.paramsUnder.iterate(agentId, prefix, end)) {
      const list = params.get(r.object_path) ?? [];
      list.push(toParam(r));
      params.set(r.object_path, list);
    }
    return this.objectsUnder.all(agentId, prefix, end).map((r) => ({
      path: r.path,
      access: r.access as ObjectAccess,
      isMultiInstance: r.multi_instance === 1,
      params: params.get(r.path) ?? [],
      commands: parseJson<SupportedCommand[]>(r.commands, []),
      events: parseJson<SupportedEvent[]>(r.events, []),
      uniqueKeySets: parseJson<string[][]>(r.unique_key_sets, []),
      divergentPaths: parseJson<string[]>(r.divergent_paths, []),
    }));
  }

  /** Every supported parameter's type, keyed by full `{i}` path (e.g. `Device.WiFi.SSID.{i}.SSID`). */
  paramTypes(agentId: number): Map<string, ParamTypeInfo> {
    const map = new Map<string, ParamTypeInfo>();
    for (const r of this.allParams.iterate(agentId)) map.set(r.object_path + r.name, { type: r.type as ParamType, secured: r.secured === 1 });
    return map;
  }
}
