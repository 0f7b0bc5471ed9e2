import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/main/services/diff/diff';
import { Tr181Reference } from '../../../src/main/services/tr181/tr181-reference';
import { gatewaySnapshot } from '../store/fixtures/gateway-snapshot';

const side = (ref: string) => ({ kind: 'snapshot' as const, ref, label: ref, endpointId: 'proto::x' });

describe('diff ignoring values that change by themselves', () => {
  it('leaves out TR-181 volatile parameters (UpTime, statistics) and counts them', () => {
    const ref = new Tr181Reference();
    const { data } = gatewaySnapshot();
    const bump = (path: string, value: string) => (path === 'Device.DeviceInfo.UpTime' || path.includes('.Stats.') ? String(Number(value) + 60) : value);
    const later = { ...data, values: data.values.map((v) => ({ ...v, value: /^\d+$/.test(v.value) ? bump(v.path, v.value) : v.value })) };
    const changedSsid = { ...later, values: later.values.map((v) => (v.path === 'Device.WiFi.SSID.1.SSID' ? { ...v, value: 'moved' } : v)) };

    const all = diffSnapshots({ side: side('a'), data }, { side: side('b'), data: changedSsid });
    expect(all.values.changed.map((c) => c.path)).toContain('Device.DeviceInfo.UpTime');

    const quiet = diffSnapshots({ side: side('a'), data }, { side: side('b'), data: changedSsid }, { ignoreSchemaPath: (p) => ref.isVolatile(p) });
    expect(quiet.values.changed.map((c) => c.path)).toEqual(['Device.WiFi.SSID.1.SSID']);
    expect(quiet.skippedIgnored).toBeGreaterThan(all.values.changed.length - 2);
    expect(ref.isVolatile('Device.WiFi.SSID.{i}.SSID')).toBe(false);
  });
});
