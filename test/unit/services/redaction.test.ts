import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupportedObject, SupportedParam } from '../../../src/shared/model/schema';
import type { SnapshotData } from '../../../src/shared/model/snapshot';
import { exportSnapshotToFile } from '../../../src/main/services/snapshots/export-snapshot';
import { isSecretName, Redactor } from '../../../src/main/services/snapshots/redaction';
import { SnapshotService } from '../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../src/main/store/store';
import { tempDir } from '../../helpers/temp-dir';

// Every expectation here is written out by hand: the production name rule must never build
// its own expected list (issue 12), and GetSupportedDM never carries `secured`, so for a real
// agent the name rule and the built-in TR-181 reference are the only protection.
const param = (name: string, extra: Partial<SupportedParam> = {}): SupportedParam => ({ name, access: 'readWrite', type: 'string', valueChange: 'allowed', ...extra });
const object = (path: string, params: SupportedParam[], isMultiInstance = false): SupportedObject => ({
  path,
  access: isMultiInstance ? 'addDelete' : 'readOnly',
  isMultiInstance,
  params,
  commands: [],
  events: [],
  uniqueKeySets: [],
  divergentPaths: [],
});

const SECRET_NAMES = ['Password', 'KeyPassphrase', 'SAEPassphrase', 'PreSharedKey', 'WEPKey', 'RadiusSecret', 'PIN', 'PSK', 'AccessToken', 'PrivateKey', 'ClientPrivateKey', 'password', 'X_ACME_AdminPassword'];
const HARMLESS_NAMES = ['SSID', 'Username', 'SerialNumber', 'ConfigMethodsSupported', 'PINMode', 'RequirePIN', 'TokenCount', 'PSKMode', 'Enable', 'Alias', 'MACAddress'];

describe('isSecretName', () => {
  it('knows credentials by the last segment of the path', () => {
    for (const name of SECRET_NAMES) {
      expect(isSecretName(`Device.X.1.${name}`), name).toBe(true);
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves other names alone, even under an object whose name looks like a secret', () => {
    for (const name of HARMLESS_NAMES) expect(isSecretName(`Device.WiFi.AccessPoint.1.Security.${name}`), name).toBe(false);
    expect(isSecretName('Device.PasswordPolicy.MinLength')).toBe(false);
    expect(isSecretName('Device.WiFi.AccessPoint.1.WPS.Enable')).toBe(false);
  });
});

/** A reference that flags nothing: what is left is the agent's flags and the name rule. */
const NO_REFERENCE = (): boolean => false;

describe('Redactor', () => {
  it('withholds by name when the schema has no secured flags (as GetSupportedDM delivers it)', () => {
    const redactor = new Redactor([object('Device.Users.User.{i}.', [param('Password'), param('Username')], true)], NO_REFERENCE);
    expect(redactor.isSecret('Device.Users.User.3.Password')).toBe(true);
    expect(redactor.isSecret('Device.Users.User.3.Username')).toBe(false);
  });

  it('withholds a secured parameter with a harmless name, at every instance, and nothing else', () => {
    const redactor = new Redactor(
      [object('Device.X_ACME_Vault.Entry.{i}.', [param('Blob', { secured: true }), param('Label')], true), object('Device.Other.', [param('Blob')])],
      NO_REFERENCE,
    );
    expect(redactor.isSecret('Device.X_ACME_Vault.Entry.1.Blob')).toBe(true);
    expect(redactor.isSecret('Device.X_ACME_Vault.Entry.42.Blob')).toBe(true);
    expect(redactor.isSecret('Device.X_ACME_Vault.Entry.1.Label')).toBe(false);
    expect(redactor.isSecret('Device.Other.Blob')).toBe(false);
  });

  it('withholds what the reference flags secured, asking it by schema path, at every instance', () => {
    const asked: string[] = [];
    const reference = (schemaPath: string): boolean => {
      asked.push(schemaPath);
      return schemaPath === 'Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.KeyValue' || schemaPath === 'Device.UPA.Interface.{i}.EncryptionKey';
    };
    const redactor = new Redactor([], reference);
    expect(redactor.isSecret('Device.Routing.Babel.MACKeySet.1.MACKey.2.KeyValue')).toBe(true);
    expect(redactor.isSecret('Device.Routing.Babel.MACKeySet.7.MACKey.30.KeyValue')).toBe(true);
    expect(redactor.isSecret('Device.UPA.Interface.4.EncryptionKey')).toBe(true);
    expect(redactor.isSecret('Device.UPA.Interface.4.EncryptionMethod')).toBe(false);
    expect(redactor.isSecret('Device.Routing.Babel.MACKeySet.1.MACKey.2.KeyUseSend')).toBe(false);
    expect(asked).toEqual([
      'Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.KeyValue',
      'Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.KeyValue',
      'Device.UPA.Interface.{i}.EncryptionKey',
      'Device.UPA.Interface.{i}.EncryptionMethod',
      'Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.KeyUseSend',
    ]);
  });

  it('withholds a secret name or an agent-flagged parameter whatever the reference says', () => {
    const redactor = new Redactor([object('Device.X_ACME_Vault.', [param('Blob', { secured: true })])], NO_REFERENCE);
    expect(redactor.isSecret('Device.X_ACME_Vault.Blob')).toBe(true);
    expect(redactor.isSecret('Device.X_ACME_Vault.AdminPassword')).toBe(true);
    const everything = new Redactor([], () => true);
    expect(everything.isSecret('Device.DeviceInfo.SerialNumber')).toBe(true);
  });

  it('withholds every parameter the simulator model flags secure, by name alone', () => {
    const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/sim/tr181-schema.json'), 'utf8')) as {
      objects: { path: string; params: { name: string; secure?: boolean }[] }[];
    };
    const flagged = reference.objects.flatMap((o) => o.params.filter((p) => p.secure).map((p) => `${o.path.replaceAll('{i}', '1')}${p.name}`));
    expect(flagged).toHaveLength(7);
    const redactor = new Redactor([], NO_REFERENCE);
    for (const path of flagged) expect(redactor.isSecret(path), path).toBe(true);
  });
});

describe('export without secured flags', () => {
  const SECRETS = {
    'Device.Users.User.1.Password': 'Hunter2-admin!',
    'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': 'correct horse battery',
    'Device.WiFi.AccessPoint.1.Security.PreSharedKey': '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    'Device.WiFi.AccessPoint.1.Security.SAEPassphrase': 'sae-Passw0rd-77',
    'Device.WiFi.AccessPoint.1.Security.RadiusSecret': 'radius-shared-91',
    'Device.WiFi.AccessPoint.1.Security.WEPKey': '0a1b2c3d4e',
    'Device.WiFi.AccessPoint.1.WPS.PIN': '84629137',
    'Device.X_ACME_Cloud.PSK': 'cloud-psk-5521',
    'Device.X_ACME_Cloud.AccessToken': 'eyJhbGciOiJIUzI1NiJ9.tok',
    'Device.X_ACME_Cloud.ClientPrivateKey': '-----BEGIN PRIVATE KEY-----MIIEv',
  };
  const PLAIN = {
    'Device.Users.User.1.Username': 'admin',
    'Device.WiFi.AccessPoint.1.Security.ModeEnabled': 'WPA2-Personal',
    'Device.WiFi.AccessPoint.1.WPS.ConfigMethodsEnabled': 'PushButton,PIN',
    'Device.X_ACME_Cloud.URL': 'https://cloud.example/usp',
  };

  function noFlagSnapshot(): SnapshotData {
    const schema = [
      object('Device.Users.User.{i}.', [param('Username'), param('Password')], true),
      object('Device.WiFi.AccessPoint.{i}.Security.', ['ModeEnabled', 'KeyPassphrase', 'PreSharedKey', 'SAEPassphrase', 'RadiusSecret', 'WEPKey'].map((n) => param(n))),
      object('Device.WiFi.AccessPoint.{i}.WPS.', [param('ConfigMethodsEnabled'), param('PIN')]),
      object('Device.X_ACME_Cloud.', [param('URL'), param('PSK'), param('AccessToken'), param('ClientPrivateKey')]),
    ];
    for (const o of schema) for (const p of o.params) expect(p.secured).toBeUndefined();
    return {
      label: 'no flags',
      agent: { endpointId: 'proto::no-flags', manufacturer: null, modelName: null, serialNumber: null, productClass: null, oui: null, softwareVersion: null, uspVersions: ['1.3'] },
      capturedAt: Date.parse('2026-12-01T10:00:00Z'),
      source: 'capture',
      appVersion: 'test',
      schema,
      instances: [
        { path: 'Device.Users.User.1.', uniqueKeys: { Username: 'admin' } },
        { path: 'Device.WiFi.AccessPoint.1.', uniqueKeys: {} },
      ],
      values: Object.entries({ ...SECRETS, ...PLAIN }).map(([path, value]) => ({ path, value })),
    };
  }

  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir();
    store = Store.open(join(dir, 'data'), { appVersion: 'test' });
  });
  afterEach(() => store.close());

  it('leaves no secret value in JSON or CSV, and keeps the rest', async () => {
    const meta = new SnapshotService(store).persist(noFlagSnapshot());
    for (const format of ['json', 'csv'] as const) {
      const file = join(dir, `out.${format}`);
      const summary = await exportSnapshotToFile(store, meta.id, file, format);
      const text = readFileSync(file, 'utf8');
      for (const [path, secret] of Object.entries(SECRETS)) expect(text, `${format} leaks ${path}`).not.toContain(secret);
      for (const [path, value] of Object.entries(PLAIN)) expect(text, `${format} lost ${path}`).toContain(value);
      expect(summary).toEqual({ values: 14, redacted: 10 });
    }
  });
});

describe('export of parameters only the built-in TR-181 reference flags secured', () => {
  // Named like nothing secret, flagged `secured` by TR-181 (resources/tr181/device-2.json), and
  // flagged by nothing in this schema: only the reference can withhold them.
  const SECRETS = {
    'Device.UPA.Interface.2.EncryptionKey': 'upa-key-7c41d09e',
    'Device.IP.Diagnostics.IPLayerCapacityAuthCode.3.AuthenticationKey': 'udpst-auth-55f0a2',
    'Device.Routing.Babel.MACKeySet.1.MACKey.4.KeyValue': 'babel-mac-9e8d7c6b',
    'Device.LocalAgent.ControllerTrust.Challenge.5.Value': 'challenge-answer-3141',
  };
  const PLAIN = {
    'Device.UPA.Interface.2.EncryptionMethod': 'AES-128-upa-method',
    'Device.IP.Diagnostics.IPLayerCapacityAuthCode.3.Alias': 'authcode-alias-x1',
    'Device.Routing.Babel.MACKeySet.1.MACKey.4.MACKeyAlgorithm': 'HMAC-SHA256-babel',
    'Device.LocalAgent.ControllerTrust.Challenge.5.Description': 'challenge-desc-q9',
  };

  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir();
    store = Store.open(join(dir, 'data'), { appVersion: 'test' });
  });
  afterEach(() => store.close());

  it('leaves none of their values in JSON or CSV, and keeps their neighbours', async () => {
    const schema = [
      object('Device.UPA.Interface.{i}.', [param('EncryptionMethod'), param('EncryptionKey')], true),
      object('Device.IP.Diagnostics.IPLayerCapacityAuthCode.{i}.', [param('Alias'), param('AuthenticationKey')], true),
      object('Device.Routing.Babel.MACKeySet.{i}.MACKey.{i}.', [param('MACKeyAlgorithm'), param('KeyValue')], true),
      object('Device.LocalAgent.ControllerTrust.Challenge.{i}.', [param('Description'), param('Value')], true),
    ];
    const meta = new SnapshotService(store).persist({
      label: 'reference only',
      agent: { endpointId: 'proto::ref-only', manufacturer: null, modelName: null, serialNumber: null, productClass: null, oui: null, softwareVersion: null, uspVersions: ['1.3'] },
      capturedAt: Date.parse('2026-12-01T10:00:00Z'),
      source: 'capture',
      appVersion: 'test',
      schema,
      instances: [
        { path: 'Device.UPA.Interface.2.', uniqueKeys: {} },
        { path: 'Device.IP.Diagnostics.IPLayerCapacityAuthCode.3.', uniqueKeys: {} },
        { path: 'Device.Routing.Babel.MACKeySet.1.', uniqueKeys: {} },
        { path: 'Device.Routing.Babel.MACKeySet.1.MACKey.4.', uniqueKeys: {} },
        { path: 'Device.LocalAgent.ControllerTrust.Challenge.5.', uniqueKeys: {} },
      ],
      values: Object.entries({ ...SECRETS, ...PLAIN }).map(([path, value]) => ({ path, value })),
    });
    for (const format of ['json', 'csv'] as const) {
      const file = join(dir, `ref.${format}`);
      const summary = await exportSnapshotToFile(store, meta.id, file, format);
      const text = readFileSync(file, 'utf8');
      for (const [path, secret] of Object.entries(SECRETS)) {
        expect(text, `${format} leaks ${path}`).not.toContain(secret);
        expect(text, `${format} lost the row of ${path}`).toContain(path);
      }
      for (const [path, value] of Object.entries(PLAIN)) expect(text, `${format} lost ${path}`).toContain(value);
      expect(summary).toEqual({ values: 8, redacted: 4 });
    }
  });
});
