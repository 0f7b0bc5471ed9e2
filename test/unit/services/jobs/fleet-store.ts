import { join } from 'node:path';
import { Store } from '../../../../src/main/store/store';
import type { SupportedObject } from '../../../../src/shared/model/schema';
import { tempDir } from '../../../helpers/temp-dir';

export interface FleetAgent {
  endpointId: string;
  model?: string;
  softwareVersion?: string;
  /** null: not identified yet (DeviceInfo never read). */
  serial?: string | null;
  tags?: string[];
  online?: boolean;
  values?: Record<string, string>;
  schema?: SupportedObject[];
}

/** A real SQLite store holding agents with cached values and schemas, as the controller would leave it. */
export async function fleetStore(agents: FleetAgent[], now: () => number = () => 1_000): Promise<Store> {
  const store = Store.openFile(join(await tempDir(), 'usp-console.db'), { appVersion: 'test', now });
  for (const a of agents) {
    store.upsertAgent(a.endpointId, {
      modelName: a.model ?? 'RG-1',
      serialNumber: a.serial === undefined ? `SN-${a.endpointId}` : a.serial,
      manufacturer: 'Acme',
      softwareVersion: a.softwareVersion ?? '1.0',
      tags: a.tags ?? [],
      addresses: [{ transportId: 'mqtt-1', kind: 'mqtt', target: `usp/agent/${a.endpointId}` }],
      approval: 'approved',
    });
    store.recordPresence({ endpointId: a.endpointId, at: 1, presence: a.online === false ? 'offline' : 'online', reason: 'test' });
    if (a.values) {
      store.recordGetResult(
        a.endpointId,
        [{ requestedPath: 'Device.', errCode: 0, resolved: [{ resolvedPath: 'Device.', params: Object.fromEntries(Object.entries(a.values).map(([p, v]) => [p.slice('Device.'.length), v])) }] }],
        1,
      );
    }
    if (a.schema) store.recordSupportedDM(a.endpointId, a.schema, 1, { complete: true });
  }
  return store;
}

export function param(name: string, type: SupportedObject['params'][number]['type'] = 'string', access: 'readOnly' | 'readWrite' = 'readWrite'): SupportedObject['params'][number] {
  return { name, access, type, valueChange: 'allowed' };
}

export function object(path: string, params: SupportedObject['params'], extra: Partial<SupportedObject> = {}): SupportedObject {
  return { path, access: 'readOnly', isMultiInstance: path.endsWith('{i}.'), params, commands: [], events: [], uniqueKeySets: [], divergentPaths: [], ...extra };
}
