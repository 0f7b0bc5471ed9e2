import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enrichArg, enrichParam, withReference } from '../../../src/main/services/tr181/reference-enrich';
import { Tr181Reference } from '../../../src/main/services/tr181/tr181-reference';
import type { ObjectChildren } from '../../../src/shared/console-api';

const ref = new Tr181Reference();

describe('built-in TR-181 reference', () => {
  it('knows Device:2.19 parameters with their facts', () => {
    expect(ref.model).toBe('Device:2.19');
    expect(ref.param('Device.WiFi.SSID.{i}.', 'SSID')).toMatchObject({ type: 'string', maxLength: 32 });
    expect(ref.param('Device.DeviceInfo.', 'UpTime')).toMatchObject({ units: 'seconds', volatile: true });
    expect(ref.param('Device.DeviceInfo.', 'X_ACME_Secret')).toBeUndefined();
    expect(ref.param('Device.DeviceInfo.', 'constructor')).toBeUndefined();
  });

  it('knows which parameters the standard flags secured, by schema path', () => {
    for (const path of [
      'Device.UPA.Interface.{i}.EncryptionKey',
      'Device.IP.Diagnostics.IPLayerCapacityAuthCode.{i}.AuthenticationKey',
      'Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.KeyValue',
      'Device.LocalAgent.ControllerTrust.Challenge.{i}.Value',
      'Device.WiFi.AccessPoint.{i}.Security.KeyPassphrase',
    ]) expect(ref.isSecured(path), path).toBe(true);
    for (const path of ['Device.UPA.Interface.{i}.EncryptionMethod', 'Device.UPA.Interface.1.EncryptionKey', 'Device.DeviceInfo.SerialNumber', 'Device.X_ACME_Vault.Key']) {
      expect(ref.isSecured(path), path).toBe(false);
    }
  });

  it('finds command arguments, also inside argument tables', () => {
    expect(ref.commandArg('Device.IP.Diagnostics.', 'IPPing()', 'input', 'ProtocolVersion')).toMatchObject({ mandatory: true, enumerations: ['Any', 'IPv4', 'IPv6'] });
    expect(ref.commandArg('Device.IP.Diagnostics.', 'TraceRoute()', 'output', 'RouteHops.{i}.RTTimes')).toMatchObject({ type: 'unsignedInt', list: true });
    expect(ref.eventArg('Device.', 'Boot!', 'Cause')?.enumerations).toContain('RemoteReboot');
  });

  it('fills in what GSDM does not say, and lets GSDM win where it does', () => {
    const ssid = enrichParam({ name: 'SSID', type: 'string', access: 'readWrite', valueChange: 'allowed' }, ref.param('Device.WiFi.SSID.{i}.', 'SSID'));
    expect(ssid).toMatchObject({ type: 'string', access: 'readWrite', constraints: { maxLength: 32 }, reference: { standard: true } });
    // The agent says this is an int; the reference's unsignedInt does not overrule it.
    const odd = enrichParam({ name: 'LastChange', type: 'int', access: 'readOnly', valueChange: 'allowed' }, ref.param('Device.WiFi.SSID.{i}.', 'LastChange'));
    expect(odd).toMatchObject({ type: 'int', reference: { standard: true, units: 'seconds', volatile: true } });
    const vendor = enrichParam({ name: 'X_ACME_Boost', type: 'boolean', access: 'readWrite', valueChange: 'allowed' }, undefined);
    expect(vendor.reference).toEqual({ standard: false });
    const timeout = enrichArg({ name: 'Timeout', type: 'unknown' }, ref.commandArg('Device.IP.Diagnostics.', 'IPPing()', 'input', 'Timeout'));
    expect(timeout).toMatchObject({ type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1' }] }, reference: { units: 'milliseconds' } });
  });

  it('enriches the children of an object: params, commands and their arguments', () => {
    const children: ObjectChildren = {
      agentId: 'a', path: 'Device.IP.Diagnostics.', source: 'cache', oldestReadAt: null, objects: [], events: [],
      object: { schemaPath: 'Device.IP.Diagnostics.', access: 'readOnly', isMultiInstance: false, uniqueKeySets: [], params: [] },
      params: [{ path: 'Device.IP.Diagnostics.IPv4PingSupported', schema: { name: 'IPv4PingSupported', type: 'boolean', access: 'readOnly', valueChange: 'allowed' }, value: 'true', readAt: 1 }],
      commands: [{ name: 'IPPing()', kind: 'async', inputArgs: [{ name: 'Host', type: 'unknown' }, { name: 'DataBlockSize', type: 'unknown' }], outputArgs: [{ name: 'SuccessCount', type: 'unknown' }] }],
    };
    const out = withReference(ref, children);
    expect(out.params[0]!.schema.reference).toEqual({ standard: true });
    expect(out.commands[0]!.inputArgs).toMatchObject([
      { name: 'Host', type: 'string', mandatory: true, constraints: { maxLength: 256 } },
      { name: 'DataBlockSize', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1', max: '65535' }] } },
    ]);
    expect(out.commands[0]!.outputArgs[0]).toMatchObject({ type: 'unsignedInt' });
  });
});

describe('built-in TR-181 reference run from source', () => {
  // The benches run the CLI from source with tsx, which ignores `?raw` and imports the JSON parsed:
  // the soak's console died on the first job event that asked the reference.
  it('loads under tsx as under Vite', { timeout: 60_000 }, () => {
    const module = pathToFileURL(join(import.meta.dirname, '../../../src/main/services/tr181/tr181-reference.ts')).href;
    const script = `const { Tr181Reference } = await import(${JSON.stringify(module)}); const r = new Tr181Reference(); console.log(r.model, r.isSecured('Device.Users.User.{i}.Password'));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('Device:2.19 true');
  });
});
