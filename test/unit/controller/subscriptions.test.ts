import { describe, expect, it } from 'vitest';
import { newSubscriptionId, referenceCovers } from '../../../src/main/controller/subscriptions';

describe('referenceCovers', () => {
  it('matches the command itself, object paths above it and wildcard search paths', () => {
    const cmd = 'Device.IP.Diagnostics.IPPing()';
    expect(referenceCovers(cmd, cmd)).toBe(true);
    expect(referenceCovers('Device.IP.Diagnostics.', cmd)).toBe(true);
    expect(referenceCovers('Device.', cmd)).toBe(true);
    expect(referenceCovers('Device.IP.Diagnostics.TraceRoute()', cmd)).toBe(false);
    expect(referenceCovers('Device.WiFi.', cmd)).toBe(false);
    expect(referenceCovers('Device.DeviceInfo.FirmwareImage.*.Download()', 'Device.DeviceInfo.FirmwareImage.2.Download()')).toBe(true);
    expect(referenceCovers('Device.DeviceInfo.FirmwareImage.*.Download()', 'Device.DeviceInfo.FirmwareImage.2.Activate()')).toBe(false);
    expect(referenceCovers('Device.IP.Diagnostics.IPPing', cmd)).toBe(false);
  });
});

describe('newSubscriptionId', () => {
  it('gives distinct IDs within the 64-character limit', () => {
    const a = newSubscriptionId();
    const b = newSubscriptionId('usp-console-op');
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(b).toMatch(/^usp-console-op-/);
  });
});
