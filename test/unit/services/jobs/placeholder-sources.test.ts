import { describe, expect, it } from 'vitest';
import { IDENTITY_PLACEHOLDERS, placeholderParameter, placeholderValues } from '../../../../src/main/services/jobs/placeholder-sources';
import type { AgentRecord } from '../../../../src/shared/model/agent';

describe('placeholder sources', () => {
  it('reads each identity placeholder from its DeviceInfo parameter', () => {
    expect(IDENTITY_PLACEHOLDERS.map(placeholderParameter)).toEqual([
      'Device.DeviceInfo.SerialNumber',
      'Device.DeviceInfo.ModelName',
      'Device.DeviceInfo.Manufacturer',
      'Device.DeviceInfo.ProductClass',
      'Device.DeviceInfo.SoftwareVersion',
    ]);
  });

  it('takes the values the console knows from the agent record', () => {
    const agent = { endpointId: 'proto::gw', serialNumber: 'SN1', modelName: 'M', manufacturer: 'Acme', productClass: 'GW', softwareVersion: '3.2.1' } as AgentRecord;
    expect(placeholderValues('proto::gw', agent)).toEqual({ endpointId: 'proto::gw', serial: 'SN1', model: 'M', manufacturer: 'Acme', productClass: 'GW', softwareVersion: '3.2.1' });
  });

  it('knows only the Endpoint ID of an agent it has no record of', () => {
    expect(placeholderValues('proto::new', undefined)).toEqual({ endpointId: 'proto::new', serial: null, model: null, manufacturer: null, productClass: null, softwareVersion: null });
  });
});
