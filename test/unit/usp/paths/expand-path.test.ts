import { describe, expect, it } from 'vitest';
import { expandPath, parsePath } from '../../../../src/main/usp/paths';
import { EXPANSIONS } from './expansions';
import { HOME_GATEWAY, memoryView } from './memory-view';

const view = memoryView(HOME_GATEWAY);

describe('expandPath over an in-memory home gateway', () => {
  it.each(EXPANSIONS)('%s', (path, expected) => {
    expect(expandPath(path, view)).toEqual({ ok: true, paths: expected });
  });

  it('accepts an already parsed path', () => {
    const parsed = parsePath('Device.WiFi.SSID.[Enable==true].');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(expandPath(parsed.path, view)).toEqual({ ok: true, paths: ['Device.WiFi.SSID.1.'] });
  });

  it('returns each concrete path once when several references lead to it', () => {
    expect(expandPath('Device.NAT.PortMapping.*.Interface+.', view)).toEqual({ ok: true, paths: ['Device.IP.Interface.2.'] });
  });

  it('reports a syntax error with its position', () => {
    const result = expandPath('Device.WiFi.SSID.[Enable==true.Name', view);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.position).toBe(17);
  });

  it('refuses supported-model paths, which address no instances', () => {
    const parsed = parsePath('Device.WiFi.SSID.{i}.', { allowSupportedInstances: true });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = expandPath(parsed.path, view);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(17);
      expect(result.error.message).toBe('Device.WiFi.SSID.{i}.: a supported-model path ({i}) addresses no instances at 17');
    }
  });

  it('treats garbage in a reference parameter as pointing nowhere', () => {
    const broken = memoryView({
      'Device.NAT.PortMapping.1.Interface': 'not a path!',
      'Device.NAT.PortMapping.2.Interface': 'Device.IP.Interface.1.Reset()',
      'Device.IP.Interface.1.Name': 'eth0',
    });
    expect(expandPath('Device.NAT.PortMapping.*.Interface+.Name', broken)).toEqual({ ok: true, paths: [] });
  });
});
