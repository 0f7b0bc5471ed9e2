import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotData } from '../../../src/shared/model/snapshot';
import { diffSnapshots, type DiffInput } from '../../../src/main/services/diff/diff';
import { formatDiffReport } from '../../../src/main/services/diff/diff-report';
import { agentInput, snapshotInput } from '../../../src/main/services/diff/diff-sources';
import { sameValue } from '../../../src/main/services/diff/value-compare';
import { SnapshotService } from '../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../src/main/store/store';
import { tempDir } from '../../helpers/temp-dir';
import { mutateSnapshot, syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { gatewaySnapshot } from '../store/fixtures/gateway-snapshot';

describe('sameValue compares by TR-106 type', () => {
  it.each([
    ['1', 'true', 'boolean', true],
    ['0', 'false', 'boolean', true],
    ['1', 'false', 'boolean', false],
    ['007', '7', 'int', true],
    ['+7', '7', 'unsignedInt', true],
    ['-0', '0', 'int', true],
    ['18446744073709551615', '18446744073709551614', 'unsignedLong', false],
    ['018446744073709551615', '18446744073709551615', 'unsignedLong', true],
    ['-12.50', '-12.5', 'decimal', true],
    ['0.0', '0', 'decimal', true],
    ['2026-11-25T13:05:12Z', '2026-11-25T13:05:12.000Z', 'dateTime', true],
    ['2026-11-25T14:05:12+01:00', '2026-11-25T13:05:12Z', 'dateTime', true],
    ['2026-11-25T13:05:12.123456Z', '2026-11-25T13:05:12.123457Z', 'dateTime', false],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0Z', 'dateTime', true],
    ['0A1B', '0a1b', 'hexBinary', true],
    ['SGVsbG8=', 'SGVs bG8=', 'base64', true],
    ['Acme', 'acme', 'string', false],
    ['007', '7', 'string', false],
    ['abc', 'ABC', 'int', false],
    ['abc', 'abc', 'int', true],
  ] as const)('%s vs %s as %s → %s', (a, b, type, equal) => {
    expect(sameValue(a, b, type)).toBe(equal);
  });
});

const side = (ref: string) => ({ kind: 'snapshot' as const, ref, label: `snap ${ref}`, endpointId: 'proto::x' });
const input = (ref: string, data: SnapshotData): DiffInput => ({ side: side(ref), data });

describe('diffSnapshots', () => {
  it('finds nothing between equal data, including differently spelled equal values', () => {
    const a = syntheticSnapshot(200);
    const b = { ...a, values: a.values.map((v) => (v.path.endsWith('.Active') ? { ...v, value: v.value === 'true' ? '1' : '0' } : v)) };
    const d = diffSnapshots(input('1', a), input('2', b));
    expect(d.equal).toBe(true);
    expect(formatDiffReport(d)).toMatch(/No differences\.\n$/);
  });

  it('reports objects, instances and values added, removed and changed', () => {
    const { data: left } = gatewaySnapshot();
    const right: SnapshotData = {
      ...left,
      schema: [...left.schema.filter((o) => o.path !== 'Device.NAT.PortMapping.{i}.'), { ...left.schema[0]!, path: 'Device.X_ACME_Mesh.' }],
      instances: [...left.instances.filter((i) => i.path !== 'Device.NAT.PortMapping.2.'), { path: 'Device.WiFi.SSID.5.', uniqueKeys: {} }],
      values: [
        ...left.values
          .filter((v) => !v.path.startsWith('Device.NAT.PortMapping.2.'))
          .map((v) => (v.path === 'Device.DeviceInfo.SoftwareVersion' ? { ...v, value: '3.3.0' } : v.path === 'Device.DeviceInfo.UpTime' ? { ...v, value: '1' } : v)),
        { path: 'Device.WiFi.SSID.5.SSID', value: 'new' },
        { path: 'Device.DeviceInfo.X_ACME_Note', value: 'hello' },
      ],
    };
    const d = diffSnapshots(input('1', left), input('2', right), { ignore: ['Device.DeviceInfo.UpTime', 'Device.*.Stats.'] });
    expect(d.equal).toBe(false);
    expect(d.objects).toEqual({ added: ['Device.X_ACME_Mesh.'], removed: ['Device.NAT.PortMapping.{i}.'] });
    expect(d.instances).toEqual({ added: ['Device.WiFi.SSID.5.'], removed: ['Device.NAT.PortMapping.2.'] });
    expect(d.values.changed).toEqual([{ path: 'Device.DeviceInfo.SoftwareVersion', left: '3.2.1', right: '3.3.0', type: 'string' }]);
    expect(d.values.added.map((v) => v.path)).toEqual(['Device.DeviceInfo.X_ACME_Note', 'Device.WiFi.SSID.5.SSID']);
    expect(d.values.removed.every((v) => v.path.startsWith('Device.NAT.PortMapping.2.'))).toBe(true);
    expect(d.skippedIgnored).toBe(1);
    const report = formatDiffReport(d);
    expect(report).toContain('--- snap 1 [snapshot 1]');
    expect(report).toContain('~ Device.DeviceInfo.SoftwareVersion: "3.2.1" → "3.3.0"');
    expect(report).toContain('+ Device.DeviceInfo.X_ACME_Note = "hello"');
    expect(report).toContain('- Device.NAT.PortMapping.2.');
    expect(report).not.toContain('- Device.NAT.PortMapping.2.Alias');
    expect(report).toMatch(/values belong to the added or removed instances/);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('never reports a redacted value as changed', () => {
    const a = syntheticSnapshot(50);
    const b = { ...a, values: a.values.map((v) => (v.path.endsWith('KeyPassphrase') ? { path: v.path, value: '', redacted: true } : v)) };
    const d = diffSnapshots(input('1', a), input('2', b));
    expect(d.equal).toBe(true);
    expect(d.skippedRedacted).toBe(5);
    expect(formatDiffReport(d)).toContain('5 redacted values not compared');
  });

  it('reports each changed value once, in path order', () => {
    const a = syntheticSnapshot(1000);
    const d = diffSnapshots(input('1', a), input('2', mutateSnapshot(a, 10)));
    expect(d.values.changed).toHaveLength(100);
    expect(d.values.changed.map((c) => c.path)).toEqual([...d.values.changed.map((c) => c.path)].sort());
    expect(formatDiffReport(d, { maxLines: 5 })).toContain('… and 95 more');
  });
});

describe('secrets in a diff', () => {
  const obj = (path: string, names: string[]): SnapshotData['schema'][number] => ({
    path,
    access: path.endsWith('{i}.') ? 'addDelete' : 'readOnly',
    isMultiInstance: path.endsWith('{i}.'),
    // No parameter is flagged secured: the name rule and the built-in TR-181 reference must catch them.
    params: names.map((name) => ({ name, access: 'readWrite' as const, type: 'string' as const, valueChange: 'allowed' as const })),
    commands: [],
    events: [],
    uniqueKeySets: [],
    divergentPaths: [],
  });
  const base = syntheticSnapshot(10);
  const snapshot = (values: Record<string, string>): SnapshotData => ({
    ...base,
    schema: [
      obj('Device.WiFi.AccessPoint.{i}.Security.', ['KeyPassphrase', 'ModeEnabled']),
      obj('Device.Users.User.{i}.', ['Username', 'Password']),
      obj('Device.UPA.Interface.{i}.', ['EncryptionKey']),
    ],
    instances: [],
    values: Object.entries(values)
      .map(([path, value]) => ({ path, value }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  });
  const SECRETS = ['old-wifi-Passphrase-1', 'new-wifi-Passphrase-2', 'old-user-pw-3', 'new-user-pw-4', 'added-user-pw-5', 'old-upa-key-6', 'new-upa-key-7'];
  const left = snapshot({
    'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': SECRETS[0]!,
    'Device.WiFi.AccessPoint.1.Security.ModeEnabled': 'WPA2-Personal',
    'Device.Users.User.1.Username': 'admin',
    'Device.Users.User.1.Password': SECRETS[2]!,
    'Device.UPA.Interface.1.EncryptionKey': SECRETS[5]!,
  });
  const right = snapshot({
    'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': SECRETS[1]!,
    'Device.WiFi.AccessPoint.1.Security.ModeEnabled': 'WPA3-Personal',
    'Device.Users.User.1.Username': 'admin',
    'Device.Users.User.1.Password': SECRETS[3]!,
    'Device.Users.User.2.Password': SECRETS[4]!,
    'Device.UPA.Interface.1.EncryptionKey': SECRETS[6]!,
  });

  it('reports that a secret changed, with its values withheld from the result, its JSON and the text report', () => {
    const d = diffSnapshots(input('1', left), input('2', right));
    expect(d.equal).toBe(false);
    expect(d.values.changed).toEqual([
      { path: 'Device.UPA.Interface.1.EncryptionKey', left: '', right: '', type: 'string', redacted: true },
      { path: 'Device.Users.User.1.Password', left: '', right: '', type: 'string', redacted: true },
      { path: 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase', left: '', right: '', type: 'string', redacted: true },
      { path: 'Device.WiFi.AccessPoint.1.Security.ModeEnabled', left: 'WPA2-Personal', right: 'WPA3-Personal', type: 'string' },
    ]);
    expect(d.values.added).toEqual([{ path: 'Device.Users.User.2.Password', value: '', redacted: true }]);
    const json = JSON.stringify(d);
    const report = formatDiffReport(d);
    for (const secret of SECRETS) {
      expect(json).not.toContain(secret);
      expect(report).not.toContain(secret);
    }
    expect(report).toContain('~ Device.WiFi.AccessPoint.1.Security.KeyPassphrase: (redacted) → (redacted)');
    expect(report).toContain('~ Device.Users.User.1.Password: (redacted) → (redacted)');
    expect(report).toContain('~ Device.WiFi.AccessPoint.1.Security.ModeEnabled: "WPA2-Personal" → "WPA3-Personal"');
    expect(report).toContain('+ Device.Users.User.2.Password = (redacted)');
    expect(report).toContain('4 changed, 1 added and 0 removed values');
  });

  it('compares the real values: an unchanged secret is not listed', () => {
    const same = snapshot(Object.fromEntries(left.values.map((v) => [v.path, v.value])));
    expect(diffSnapshots(input('1', left), input('2', same)).equal).toBe(true);
  });

  it('shows secrets in clear only with redact: false', () => {
    const d = diffSnapshots(input('1', left), input('2', right), { redact: false });
    expect(d.values.changed).toContainEqual({ path: 'Device.Users.User.1.Password', left: SECRETS[2], right: SECRETS[3], type: 'string' });
    const report = formatDiffReport(d);
    for (const secret of SECRETS) expect(report).toContain(secret);
  });
});

describe('diff sources', () => {
  let store: Store;
  let service: SnapshotService;
  beforeEach(async () => {
    store = Store.open(await tempDir(), { appVersion: 't' });
    service = new SnapshotService(store);
  });
  afterEach(() => store.close());

  const learn = (eid: string, ssid: string, enable: string): void =>
    store.recordGetResult(eid, [{ requestedPath: 'Device.WiFi.', errCode: 0, resolved: [{ resolvedPath: 'Device.WiFi.SSID.1.', params: { SSID: ssid, Enable: enable } }] }], 1);

  it('diffs agent against agent from the cache, and an agent against a baseline snapshot', () => {
    const ssidType = {
      path: 'Device.WiFi.SSID.{i}.',
      access: 'addDelete' as const,
      isMultiInstance: true,
      params: [{ name: 'Enable', access: 'readWrite' as const, type: 'boolean' as const, valueChange: 'allowed' as const }],
      commands: [],
      events: [],
      uniqueKeySets: [],
      divergentPaths: [],
    };
    store.recordSupportedDM('proto::a', [ssidType], 1, { complete: true });
    learn('proto::a', 'home', 'true');
    learn('proto::b', 'home', '1');
    let d = diffSnapshots(agentInput(service, 'proto::a'), agentInput(service, 'proto::b'));
    expect(d.values.changed).toEqual([]);
    expect(d.objects.removed).toEqual(['Device.WiFi.SSID.{i}.']);
    expect(d.left).toMatchObject({ kind: 'agent', ref: 'proto::a' });

    const baseline = service.persist(service.fromCache('proto::a', 'baseline'));
    store.applyValueChange('proto::a', 'Device.WiFi.SSID.1.SSID', 'renamed', 2);
    d = diffSnapshots(snapshotInput(service, baseline.id), agentInput(service, 'proto::a'));
    expect(d.values.changed).toEqual([{ path: 'Device.WiFi.SSID.1.SSID', left: 'home', right: 'renamed', type: 'unknown' }]);
    expect(d.left).toMatchObject({ kind: 'snapshot', label: 'baseline' });
  });
});
