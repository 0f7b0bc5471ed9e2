import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsService } from '../../../src/main/services/settings-service';
import { Store } from '../../../src/main/store/store';
import { tempDir } from '../../helpers';
import { cli } from './cli-capture';

function settingsOf(dataDir: string): SettingsService['stored']['certificates'] {
  const store = Store.open(dataDir, { appVersion: 'test' });
  try {
    return new SettingsService(store.settings).stored.certificates;
  } finally {
    store.close();
  }
}

describe('usp-console certs (bench CA)', () => {
  it('creates a CA, issues agent and console certificates it signed, and records them in the settings', async () => {
    const data = await tempDir();
    const init = await cli('certs', 'init', '--data', data);
    expect(init.code).toBe(0);
    const caFile = join(data, 'certs', 'ca.crt');
    expect(JSON.parse(init.stdout)).toMatchObject({ caFile, certificate: { subject: 'CN=USP Console bench CA, O=USP Console', ca: true } });
    expect((await stat(join(data, 'certs', 'ca.key'))).mode & 0o777).toBe(0o600);
    expect(settingsOf(data)).toEqual({ trustedCaFile: caFile, certFile: null, keyFile: null });

    const agent = await cli('certs', 'issue', '--endpoint-id', 'os::012345-AABBCCDDEEFF', '--dns', 'gw.lab', '--ip', '10.0.0.7', '--days', '30', '--data', data);
    expect(agent.code).toBe(0);
    const issued = JSON.parse(agent.stdout) as { certFile: string; keyFile: string; certificate: { subjectAltNames: unknown[]; endpointIds: string[]; validTo: string } };
    expect(issued.certFile).toBe(join(data, 'certs', 'agents', 'os__012345-AABBCCDDEEFF.crt'));
    expect(issued.certificate.endpointIds).toEqual(['os::012345-AABBCCDDEEFF']);
    expect(issued.certificate.subjectAltNames).toEqual([
      { type: 'URI', value: 'urn:bbf:usp:id:os::012345-AABBCCDDEEFF' },
      { type: 'DNS', value: 'gw.lab' },
      { type: 'IP Address', value: '10.0.0.7' },
    ]);
    const days = (Date.parse(issued.certificate.validTo) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const ca = new X509Certificate(await readFile(caFile));
    const leaf = new X509Certificate(await readFile(issued.certFile));
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect((await stat(issued.keyFile)).mode & 0o777).toBe(0o600);

    const controllerCert = await cli('certs', 'issue', '--endpoint-id', 'fqdn::console.lab', '--controller', '--data', data);
    expect(controllerCert.code).toBe(0);
    const own = JSON.parse(controllerCert.stdout) as { certFile: string; keyFile: string; certificate: { subjectAltNames: unknown[] } };
    expect(own.certFile).toBe(join(data, 'certs', 'console.crt'));
    // fqdn Endpoint IDs also get their host name as dNSName (R-ARC.4a).
    expect(own.certificate.subjectAltNames).toContainEqual({ type: 'DNS', value: 'console.lab' });
    expect(settingsOf(data)).toEqual({ trustedCaFile: caFile, certFile: own.certFile, keyFile: own.keyFile });
  });

  it('says what is wrong: no CA yet, a CA already there, a malformed Endpoint ID or flag', async () => {
    const data = await tempDir();
    const early = await cli('certs', 'issue', '--endpoint-id', 'proto::a', '--data', data);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('no bench CA in');
    expect(early.stderr).toContain('run "usp-console certs init" first');

    expect((await cli('certs', 'init', '--data', data)).code).toBe(0);
    const again = await cli('certs', 'init', '--data', data);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a bench CA already exists');

    const bad = await cli('certs', 'issue', '--endpoint-id', 'not-an-eid', '--data', data);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not-an-eid" is not an Endpoint ID');
    expect((await cli('certs', 'issue', '--data', data)).stderr).toContain('certs issue needs --endpoint-id EID');
    expect((await cli('certs', 'issue', '--endpoint-id', 'proto::a', '--days', '0', '--data', data)).code).toBe(2);
    expect((await cli('certs', 'issue', '--endpoint-id', 'proto::a', '--ip', 'nowhere', '--data', data)).stderr).toContain('"nowhere" is not an IP address');
    expect((await cli('certs', 'renew', '--data', data)).stderr).toContain('unknown action "renew"');
  });
});
