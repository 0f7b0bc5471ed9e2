import localAgentSchema from '../../../../resources/sim/local-agent-schema.json';
import type { SnapshotData } from '../../../shared/model/snapshot';
import type { ParamType, SupportedObject } from '../../../shared/model/schema';
import { builtinSchema, layerFromSeed } from './builtin-model';
import { DataModel } from './data-model';
import { InstanceStore, type ObjectValues, type StoreLayer } from './instance-store';
import { Schema } from './schema';
import type { BaseType, ObjectDef, SchemaDocument } from './schema-types';

function baseOf(type: ParamType): BaseType {
  return type === 'unknown' ? 'string' : type;
}

/** A snapshot's GetSupportedDM view as simulator schema objects (types, access, keys; no value constraints). */
function toObjectDef(obj: SupportedObject): ObjectDef {
  return {
    path: obj.path,
    multi: obj.isMultiInstance,
    access: obj.access === 'readOnly' ? 'R' : 'RW',
    uniqueKeys: obj.uniqueKeySets.map((k) => [...k]),
    params: obj.params.map((p) => ({
      name: p.name,
      base: baseOf(p.type),
      access: p.access === 'readOnly' ? 'R' : 'W',
      ...(p.secured ? { secure: true } : {}),
    })),
    commands: obj.commands.map((c) => ({
      name: c.name,
      async: c.type === 'async',
      input: c.inputArgs.map((name) => ({ name, base: 'string' as const })),
      output: c.outputArgs.map((name) => ({ name, base: 'string' as const })),
    })),
    events: obj.events.map((e) => ({ name: e.name, args: e.args.map((name) => ({ name, base: 'string' as const })) })),
  };
}

/** Seed values keyed by object-instance path, from a snapshot's instances and values. */
function seedOf(snapshot: SnapshotData): Record<string, ObjectValues> {
  const seed: Record<string, ObjectValues> = {};
  for (const inst of snapshot.instances) seed[inst.path] ??= {};
  for (const v of snapshot.values) {
    const cut = v.path.lastIndexOf('.');
    const obj = v.path.slice(0, cut + 1);
    (seed[obj] ??= {})[v.path.slice(cut + 1)] = v.value;
  }
  return seed;
}

/** A schema and shared layer built from a snapshot (file format of docs/snapshot-format, src/shared/model/snapshot.ts). */
export interface SnapshotModelSource {
  schema: Schema;
  layer: StoreLayer;
}

/**
 * Turns a captured snapshot into a simulator model source. The LocalAgent tables the
 * simulator needs (Controller, MTP, Subscription, Request) are added when the snapshot's
 * own model lacks them; the snapshot's own values win everywhere else.
 */
export function snapshotModelSource(snapshot: SnapshotData): SnapshotModelSource {
  const documents: SchemaDocument[] = [
    { objects: snapshot.schema.map(toObjectDef) },
    localAgentSchema as unknown as SchemaDocument,
  ];
  if (!snapshot.schema.some((o) => o.path === 'Device.')) documents.unshift({ objects: [{ path: 'Device.', multi: false, access: 'R', uniqueKeys: [], params: [], commands: [], events: [] }] });
  // Reboot()/Boot! exist on every TR-181 agent; keep them when the snapshot did not capture commands.
  const root = builtinSchema().node('Device.');
  if (root) {
    documents.push({
      objects: [{ path: 'Device.', multi: false, access: 'R', uniqueKeys: [], params: [], commands: [...root.commands.values()], events: [...root.events.values()] }],
    });
  }
  const schema = new Schema(documents);
  return { schema, layer: layerFromSeed(schema, seedOf(snapshot)) };
}

/** A fresh agent model on a snapshot source (copy-on-write over its shared layer). */
export function createSnapshotModel(source: SnapshotModelSource): DataModel {
  return new DataModel(source.schema, new InstanceStore(source.layer));
}
