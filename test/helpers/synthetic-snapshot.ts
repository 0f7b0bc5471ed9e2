import type { SupportedObject } from '../../src/shared/model/schema';
import type { SnapshotData } from '../../src/shared/model/snapshot';

const HOST_PARAMS: SupportedObject['params'] = [
  { name: 'Active', access: 'readOnly', type: 'boolean', valueChange: 'allowed' },
  { name: 'ActiveLastChange', access: 'readOnly', type: 'dateTime', valueChange: 'allowed' },
  { name: 'HostName', access: 'readOnly', type: 'string', valueChange: 'allowed' },
  { name: 'IPAddress', access: 'readOnly', type: 'string', valueChange: 'allowed' },
  { name: 'LeaseTimeRemaining', access: 'readOnly', type: 'int', valueChange: 'allowed' },
  { name: 'PhysAddress', access: 'readOnly', type: 'string', valueChange: 'allowed' },
  { name: 'BytesSent', access: 'readOnly', type: 'unsignedLong', valueChange: 'allowed' },
  { name: 'BytesReceived', access: 'readOnly', type: 'unsignedLong', valueChange: 'allowed' },
  { name: 'Comment', access: 'readWrite', type: 'string', valueChange: 'allowed' },
  { name: 'KeyPassphrase', access: 'readWrite', type: 'string', valueChange: 'allowed', secured: true },
];

/**
 * A large agent: `Device.Hosts.Host.{i}.` rows of ten parameters each (one a secret), enough
 * rows for `params` parameters. Deterministic, so two calls produce equal data.
 */
export function syntheticSnapshot(params: number, endpointId = 'proto::synthetic'): SnapshotData {
  const rows = Math.ceil(params / HOST_PARAMS.length);
  const values: SnapshotData['values'] = [];
  const instances: SnapshotData['instances'] = [];
  for (let i = 1; i <= rows; i++) {
    const p = `Device.Hosts.Host.${i}.`;
    instances.push({ path: p, uniqueKeys: { PhysAddress: `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}` } });
    values.push(
      { path: `${p}Active`, value: i % 3 ? 'true' : 'false' },
      { path: `${p}ActiveLastChange`, value: `2026-11-2${i % 10}T10:00:00Z` },
      { path: `${p}HostName`, value: `host-${i}, "lab" box` },
      { path: `${p}IPAddress`, value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      { path: `${p}LeaseTimeRemaining`, value: String(i * 7) },
      { path: `${p}PhysAddress`, value: instances[i - 1]!.uniqueKeys.PhysAddress! },
      { path: `${p}BytesSent`, value: String(1_000_000_000_000 + i) },
      { path: `${p}BytesReceived`, value: String(2_000_000_000_000 + i) },
      { path: `${p}Comment`, value: i % 100 === 0 ? 'multi\nline' : '' },
      { path: `${p}KeyPassphrase`, value: `secret-${i}-pass` },
    );
  }
  values.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  instances.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    label: `synthetic ${params}`,
    agent: { endpointId, manufacturer: 'Acme', modelName: 'Synth', serialNumber: 'S1', productClass: 'X', oui: '012345', softwareVersion: '1', uspVersions: ['1.3'] },
    capturedAt: Date.UTC(2026, 10, 25),
    source: 'capture',
    appVersion: 'test',
    schema: [
      { path: 'Device.', access: 'readOnly', isMultiInstance: false, params: [], commands: [], events: [], uniqueKeySets: [], divergentPaths: [] },
      {
        path: 'Device.Hosts.',
        access: 'readOnly',
        isMultiInstance: false,
        params: [{ name: 'HostNumberOfEntries', access: 'readOnly', type: 'unsignedInt', valueChange: 'allowed' }],
        commands: [],
        events: [],
        uniqueKeySets: [],
        divergentPaths: [],
      },
      { path: 'Device.Hosts.Host.{i}.', access: 'readOnly', isMultiInstance: true, params: HOST_PARAMS, commands: [], events: [], uniqueKeySets: [['PhysAddress']], divergentPaths: [] },
    ],
    instances,
    values,
  };
}

/** A copy with every `every`-th value changed (numbers incremented, other values suffixed). */
export function mutateSnapshot(data: SnapshotData, every: number): SnapshotData {
  return {
    ...data,
    values: data.values.map((v, n) => {
      if (n % every !== 0) return v;
      return { ...v, value: /^\d+$/.test(v.value) ? String(Number(v.value) + 1) : `${v.value}-changed` };
    }),
  };
}
