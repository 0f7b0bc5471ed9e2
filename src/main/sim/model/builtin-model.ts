import localAgentSchema from '../../../../resources/sim/local-agent-schema.json';
import tr181Schema from '../../../../resources/sim/tr181-schema.json';
import homeGatewaySeed from '../../../../resources/sim/home-gateway-seed.json';
import { DataModel } from './data-model';
import { InstanceStore, type ObjectValues, type StoreLayer } from './instance-store';
import { Schema, type SchemaNode } from './schema';
import type { SchemaDocument } from './schema-types';
import { nullValue } from './value-check';

/** Options for the built-in home-gateway model. */
export interface BuiltinModelOptions {
  /**
   * Grow the model for benchmarks: adds LAN hosts (`Device.Hosts.Host.{i}.`, 13 parameters
   * each with their IPv4Address row) until at least this many extra parameters exist.
   */
  extraParameters?: number;
}

let sharedSchema: Schema | undefined;

/** The built-in supported model (TR-181 2.19 subset + LocalAgent), built once per process. */
export function builtinSchema(): Schema {
  sharedSchema ??= new Schema([tr181Schema as unknown as SchemaDocument, localAgentSchema as unknown as SchemaDocument]);
  return sharedSchema;
}

function defaults(node: SchemaNode): ObjectValues {
  const out: ObjectValues = {};
  for (const def of node.params.values()) out[def.name] = def.defaultOnCreate ?? nullValue(def);
  return out;
}

/** The object that holds `path`: `X.T.3.` → `X.`, `X.Y.` → `X.`, `Device.` → null. */
function parentObject(path: string): string | null {
  const row = /^(.*\.)\d+\.$/.exec(path);
  const container = row?.[1] ?? path;
  const cut = container.slice(0, -1).lastIndexOf('.');
  return cut < 0 ? null : container.slice(0, cut + 1);
}

/** Creates `path` and its missing ancestors (registering rows in their tables) with default values. */
function ensureObject(schema: Schema, store: InstanceStore, path: string): void {
  if (store.has(path)) return;
  const parent = parentObject(path);
  if (parent !== null) ensureObject(schema, store, parent);
  const row = /^(.*\.)(\d+)\.$/.exec(path);
  if (row?.[1] !== undefined) store.addRow(row[1], Number(row[2]));
  const node = schema.node(path);
  if (!node) throw new Error(`seed: ${path} is not in the schema`);
  store.putObject(path, defaults(node));
}

/** Gives every existing object its single-instance sub-objects and a value for every parameter. */
function complete(schema: Schema, store: InstanceStore, path: string): void {
  const node = schema.node(path);
  if (!node) return;
  const values = store.values(path) ?? {};
  for (const def of node.params.values()) {
    if (values[def.name] === undefined) store.set(path, def.name, def.defaultOnCreate ?? nullValue(def));
  }
  for (const child of node.children) {
    const base = `${path}${child.name}.`;
    if (child.multi) {
      for (const n of store.instances(base)) complete(schema, store, `${base}${n}.`);
    } else {
      if (!store.has(base)) store.putObject(base, defaults(child));
      complete(schema, store, base);
    }
  }
}

/**
 * Builds a frozen layer from seed data keyed by object-instance path (the format of
 * resources/sim/home-gateway-seed.json and the TR-181 subset it follows).
 */
export function layerFromSeed(schema: Schema, seed: Record<string, ObjectValues>): StoreLayer {
  const store = new InstanceStore();
  for (const [path, values] of Object.entries(seed)) {
    ensureObject(schema, store, path);
    for (const [name, value] of Object.entries(values)) store.set(path, name, value);
  }
  ensureObject(schema, store, 'Device.');
  complete(schema, store, 'Device.');
  return store.toLayer();
}

/** Simulator facts that are not in the seed: capabilities of the built-in commands and the LocalAgent. */
const SIMULATOR_VALUES: Record<string, ObjectValues> = {
  'Device.IP.Diagnostics.': {
    IPv4PingSupported: 'true',
    IPv6PingSupported: 'true',
    IPv4TraceRouteSupported: 'true',
    IPv6TraceRouteSupported: 'true',
  },
  'Device.LocalAgent.': {
    SoftwareVersion: '11.0.4',
    SupportedProtocols: 'WebSocket,STOMP,MQTT',
    MaxSubscriptionChangeAdoptionTime: '5',
    SupportedNumberOfSubscriptions: '-1',
  },
};

/**
 * Roles as obuspa 11.0.4 compiles them in: 1 = full access (assigned to the
 * provisioned controller), 2 = untrusted (read-only here). The simulator reports them; it
 * does not enforce them.
 */
const TRUST_SEED: Record<string, ObjectValues> = {
  'Device.LocalAgent.ControllerTrust.': { UntrustedRole: 'Device.LocalAgent.ControllerTrust.Role.2' },
  'Device.LocalAgent.ControllerTrust.Role.1.': { Alias: 'cpe-1', Enable: 'true', Name: 'Full Access' },
  'Device.LocalAgent.ControllerTrust.Role.1.Permission.1.': {
    Alias: 'cpe-1', Enable: 'true', Order: '1', Targets: 'Device.', Param: 'rw-n', Obj: 'rw-n', InstantiatedObj: 'rw-n', CommandEvent: 'r-xn',
  },
  'Device.LocalAgent.ControllerTrust.Role.2.': { Alias: 'cpe-2', Enable: 'true', Name: 'Untrusted' },
  'Device.LocalAgent.ControllerTrust.Role.2.Permission.1.': {
    Alias: 'cpe-1', Enable: 'true', Order: '1', Targets: 'Device.', Param: 'r---', Obj: 'r---', InstantiatedObj: 'r---', CommandEvent: 'r---',
  },
};

function addExtraHosts(store: InstanceStore, extraParameters: number): void {
  const template = store.values('Device.Hosts.Host.5.') ?? {};
  const perHost = Object.keys(template).length + 1;
  const hosts = Math.ceil(extraParameters / perHost);
  for (let i = 0; i < hosts; i++) {
    const n = store.addRow('Device.Hosts.Host.');
    const b = [(i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff];
    const mac = `02:00:5e:${b.map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
    const ip = `10.${b[0]}.${b[1]}.${b[2]}`;
    const path = `Device.Hosts.Host.${n}.`;
    store.putObject(path, { ...template, PhysAddress: mac, IPAddress: ip, HostName: `sim-host-${i + 1}`, IPv4AddressNumberOfEntries: '1', IPv6AddressNumberOfEntries: '0' });
    store.addRow(`${path}IPv4Address.`, 1);
    store.putObject(`${path}IPv4Address.1.`, { IPAddress: ip });
  }
  store.set('Device.Hosts.', 'HostNumberOfEntries', String(store.instances('Device.Hosts.Host.').length));
}

const layers = new Map<number, StoreLayer>();

/** The shared home-gateway layer (the simulator's seed), built once per size. */
export function homeGatewayLayer(options: BuiltinModelOptions = {}): StoreLayer {
  const extra = options.extraParameters ?? 0;
  let layer = layers.get(extra);
  if (!layer) {
    const schema = builtinSchema();
    const store = new InstanceStore(layerFromSeed(schema, { ...(homeGatewaySeed as Record<string, ObjectValues>), ...TRUST_SEED }));
    for (const [path, values] of Object.entries(SIMULATOR_VALUES)) {
      for (const [name, value] of Object.entries(values)) store.set(path, name, value);
    }
    if (extra > 0) addExtraHosts(store, extra);
    layer = store.toLayer();
    layers.set(extra, layer);
  }
  return layer;
}

/** A fresh agent model on the shared built-in schema and home-gateway layer. */
export function createHomeGatewayModel(options: BuiltinModelOptions = {}): DataModel {
  return new DataModel(builtinSchema(), new InstanceStore(homeGatewayLayer(options)));
}
