import type { SnapshotAgent } from '../../shared/model/snapshot';

export const DEVICE_INFO = 'Device.DeviceInfo.';

export type IdentityField = Exclude<keyof SnapshotAgent, 'endpointId' | 'uspVersions'>;

/**
 * The Device.DeviceInfo. parameters that identify an agent (TR-181), by the field that holds
 * each in agent records and snapshot identities. In the order snapshot files write them.
 */
export const IDENTITY_PARAMS: Readonly<Record<IdentityField, string>> = {
  manufacturer: 'Manufacturer',
  modelName: 'ModelName',
  serialNumber: 'SerialNumber',
  productClass: 'ProductClass',
  oui: 'ManufacturerOUI',
  softwareVersion: 'SoftwareVersion',
};

/** The identity fields, each read by DeviceInfo parameter name, else `fallback(field)`, else null. */
export function identityFields(
  read: (param: string) => string | undefined,
  fallback: (field: IdentityField) => string | null | undefined,
): Record<IdentityField, string | null> {
  const out = {} as Record<IdentityField, string | null>;
  for (const [field, param] of Object.entries(IDENTITY_PARAMS) as [IdentityField, string][]) out[field] = read(param) ?? fallback(field) ?? null;
  return out;
}
