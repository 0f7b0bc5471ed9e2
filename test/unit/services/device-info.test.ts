import { describe, expect, it } from 'vitest';
import { identityFields } from '../../../src/main/services/device-info';

describe('identityFields', () => {
  it('reads each identity field by its DeviceInfo parameter, else the fallback, else null', () => {
    const values: Record<string, string> = { Manufacturer: 'ACME', ManufacturerOUI: '00D09E', SoftwareVersion: '2.1' };
    const fallback: Record<string, string> = { modelName: 'GW-1', softwareVersion: 'older' };
    expect(identityFields((p) => values[p], (f) => fallback[f])).toEqual({
      manufacturer: 'ACME',
      modelName: 'GW-1',
      serialNumber: null,
      productClass: null,
      oui: '00D09E',
      softwareVersion: '2.1',
    });
  });
});
