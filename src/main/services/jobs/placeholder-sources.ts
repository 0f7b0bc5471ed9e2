// Where each per-agent placeholder of a job value comes from: the agent's identity field, which
// onboarding reads from the DeviceInfo parameter of the same field (one map, in device-info.ts).

import type { Placeholder, PlaceholderValues } from '../../../shared/jobs/placeholders';
import type { AgentRecord } from '../../../shared/model/agent';
import { DEVICE_INFO, IDENTITY_PARAMS, type IdentityField } from '../device-info';

export type IdentityPlaceholder = Exclude<Placeholder, 'endpointId'>;

const PLACEHOLDER_FIELDS: Readonly<Record<IdentityPlaceholder, IdentityField>> = {
  serial: 'serialNumber',
  model: 'modelName',
  manufacturer: 'manufacturer',
  productClass: 'productClass',
  softwareVersion: 'softwareVersion',
};

export const IDENTITY_PLACEHOLDERS = Object.keys(PLACEHOLDER_FIELDS) as IdentityPlaceholder[];

/** The DeviceInfo parameter a placeholder is read from when the console has no value yet. */
export function placeholderParameter(p: IdentityPlaceholder): string {
  return DEVICE_INFO + IDENTITY_PARAMS[PLACEHOLDER_FIELDS[p]];
}

/** The placeholder values the console knows for an agent (all null but the Endpoint ID for an unknown one). */
export function placeholderValues(endpointId: string, agent: AgentRecord | undefined): PlaceholderValues {
  const known = Object.fromEntries(IDENTITY_PLACEHOLDERS.map((p) => [p, agent?.[PLACEHOLDER_FIELDS[p]] ?? null]));
  return { endpointId, ...known } as PlaceholderValues;
}
