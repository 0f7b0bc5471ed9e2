import type {
  ArgSchema, CommandSchema, EventSchema, ObjectChildren, ObjectEntry, ObjectSchemaInfo, ParamEntry,
} from '../../../shared/console-api';
import type { SupportedObject } from '../../../shared/model/schema';
import type { Store } from '../../store/store';
import { schemaPathOf } from '../../store/path-utils';
import type { SchemaIndex } from './schema-index';

const arg = (name: string): ArgSchema => ({ name, type: 'unknown' });

function commandsOf(o: SupportedObject | undefined): CommandSchema[] {
  return (o?.commands ?? []).map((c) => ({ name: c.name, kind: c.type, inputArgs: c.inputArgs.map(arg), outputArgs: c.outputArgs.map(arg) }));
}

function eventsOf(o: SupportedObject | undefined): EventSchema[] {
  return (o?.events ?? []).map((e) => ({ name: e.name, args: e.args.map(arg) }));
}

function schemaInfo(schemaPath: string, o: SupportedObject | undefined): ObjectSchemaInfo {
  return {
    schemaPath,
    access: o?.access ?? 'readOnly',
    isMultiInstance: o?.isMultiInstance ?? false,
    uniqueKeySets: o?.uniqueKeySets ?? [],
    params: (o?.params ?? []).map((p) => ({ name: p.name, type: p.type, access: p.access, valueChange: p.valueChange, ...(p.secured ? { constraints: { secured: true } } : {}) })),
  };
}

/**
 * Children of one object path from the store alone: the supported schema merged with the
 * cached instances and values. Without a schema (GetSupportedDM never answered) the cached
 * values alone still give a browsable tree.
 */
export function childrenFromCache(store: Store, schema: SchemaIndex, agentId: string, objPath: string): Omit<ObjectChildren, 'source'> {
  const dbId = store.agents.idOf(agentId);
  const schemaPath = schemaPathOf(objPath);
  const row = schema.tableRow(schemaPath);
  if (row) {
    const instances = dbId === undefined ? [] : store.cache.instancesUnder(dbId, objPath);
    const objects: ObjectEntry[] = instances
      .filter((i) => /^\d+\.$/.test(i.path.slice(objPath.length)))
      .map((i) => ({
        kind: 'instance' as const,
        name: i.path.slice(objPath.length, -1),
        path: i.path,
        schemaPath: row.path,
        access: row.access,
        uniqueKeys: i.uniqueKeys,
        hasChildren: true,
      }))
      .sort((a, b) => Number(a.name) - Number(b.name));
    return { agentId, path: objPath, object: schemaInfo(row.path, row), objects, params: [], commands: [], events: [], oldestReadAt: null };
  }

  const own = schema.byPath.get(schemaPath);
  if (!own && schema.size > 0 && objPath !== 'Device.') {
    return { agentId, path: objPath, object: schemaInfo(schemaPath, undefined), objects: [], params: [], commands: [], events: [], oldestReadAt: null };
  }
  if (!own) return childrenWithoutSchema(store, dbId, agentId, objPath);

  const objects: ObjectEntry[] = schema.children(schemaPath).map((c) => {
    const child = schema.byPath.get(c.schemaPath);
    const path = `${objPath}${c.name}.`;
    if (c.kind === 'table') {
      const count = dbId === undefined ? 0 : store.cache.instanceNumbers(dbId, path).length;
      return { kind: 'table', name: c.name, path, schemaPath: c.schemaPath, access: child?.access ?? 'readOnly', instanceCount: count, hasChildren: true };
    }
    const hasChildren = (child?.params.length ?? 0) + (child?.commands.length ?? 0) + (child?.events.length ?? 0) + schema.children(c.schemaPath).length > 0;
    return { kind: 'object', name: c.name, path, schemaPath: c.schemaPath, access: child?.access ?? 'readOnly', hasChildren };
  });
  let oldest: number | null = null;
  const params: ParamEntry[] = own.params.map((p) => {
    const cached = dbId === undefined ? undefined : store.cache.value(dbId, objPath + p.name);
    if (cached && (oldest === null || cached.readAt < oldest)) oldest = cached.readAt;
    return {
      path: objPath + p.name,
      schema: { name: p.name, type: p.type, access: p.access, valueChange: p.valueChange, ...(p.secured ? { constraints: { secured: true } } : {}) },
      value: cached?.value ?? null,
      readAt: cached?.readAt ?? null,
    };
  });
  return { agentId, path: objPath, object: schemaInfo(schemaPath, own), objects, params, commands: commandsOf(own), events: eventsOf(own), oldestReadAt: oldest };
}

function childrenWithoutSchema(store: Store, dbId: number | undefined, agentId: string, objPath: string): Omit<ObjectChildren, 'source'> {
  const params: ParamEntry[] = [];
  const children = new Map<string, ObjectEntry>();
  let oldest: number | null = null;
  for (const v of dbId === undefined ? [] : store.cache.valuesUnder(dbId, objPath)) {
    const rest = v.path.slice(objPath.length);
    const dot = rest.indexOf('.');
    if (dot < 0) {
      if (oldest === null || v.readAt < oldest) oldest = v.readAt;
      params.push({ path: v.path, schema: { name: rest, type: 'unknown', access: 'readOnly', valueChange: 'unknown' }, value: v.value, readAt: v.readAt });
      continue;
    }
    const name = rest.slice(0, dot);
    if (children.has(name)) continue;
    const path = `${objPath}${name}.`;
    children.set(name, { kind: /^\d+$/.test(name) ? 'instance' : 'object', name, path, schemaPath: schemaPathOf(path), access: 'readOnly', hasChildren: true });
  }
  return {
    agentId,
    path: objPath,
    object: schemaInfo(schemaPathOf(objPath), undefined),
    objects: [...children.values()],
    params,
    commands: [],
    events: [],
    oldestReadAt: oldest,
  };
}
