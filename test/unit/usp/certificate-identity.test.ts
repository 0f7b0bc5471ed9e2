import { describe, expect, it } from 'vitest';
import { parseSubjectAltName } from '../../../src/main/mtp/peer-tls';
import { checkCertificateEndpointId, endpointIdsOf } from '../../../src/main/usp/certificate-identity';

const uri = (value: string) => ({ type: 'URI', value });

describe('Endpoint ID in a peer certificate (security.md §1)', () => {
  it('accepts the from_id named by a urn:bbf:usp:id: URI (R-SEC.0a) and refuses any other', () => {
    const sans = [uri('urn:bbf:usp:id:os::012345-AABBCCDDEEFF'), { type: 'DNS', value: 'localhost' }];
    expect(endpointIdsOf(sans)).toEqual(['os::012345-AABBCCDDEEFF']);
    expect(checkCertificateEndpointId(sans, 'os::012345-AABBCCDDEEFF')).toEqual({ ok: true, endpointId: 'os::012345-AABBCCDDEEFF' });
    expect(checkCertificateEndpointId(sans, 'os::012345-000000000000')).toEqual({
      ok: false,
      reason: 'from_id "os::012345-000000000000" is not the Endpoint ID in the peer\'s certificate ("os::012345-AABBCCDDEEFF"; R-SEC.10a)',
    });
  });

  it('refuses a certificate that names no Endpoint ID at all', () => {
    const verdict = checkCertificateEndpointId([{ type: 'DNS', value: 'agent.example' }], 'proto::a');
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.ok ? '' : verdict.reason).toContain('names no Endpoint ID');
  });

  it('lets an fqdn Endpoint ID be vouched for by its dNSName (R-ARC.4a)', () => {
    expect(checkCertificateEndpointId([{ type: 'DNS', value: 'GW.Example.org' }], 'fqdn::gw.example.org')).toMatchObject({ ok: true });
    expect(checkCertificateEndpointId([{ type: 'DNS', value: 'other.example.org' }], 'fqdn::gw.example.org')).toMatchObject({ ok: false });
  });

  it('accepts shared certificates with a wildcarded instance-id only where R-SEC.11/12 allow them', () => {
    expect(checkCertificateEndpointId([uri('urn:bbf:usp:id:oui:00256D:*')], 'oui:00256D:box-7')).toMatchObject({ ok: true });
    expect(checkCertificateEndpointId([uri('urn:bbf:usp:id:os::00256D-*')], 'os::00256D-0123456789')).toMatchObject({ ok: true });
    // The OUI of os/ops must not be wildcarded, and proto/self/fqdn IDs cannot share certificates.
    expect(checkCertificateEndpointId([uri('urn:bbf:usp:id:os::*')], 'os::00256D-0123456789')).toMatchObject({ ok: false });
    expect(checkCertificateEndpointId([uri('urn:bbf:usp:id:proto::*')], 'proto::anything')).toMatchObject({ ok: false });
    expect(checkCertificateEndpointId([uri('urn:bbf:usp:id:oui:00256D:*')], 'oui:00256E:box-7')).toMatchObject({ ok: false });
  });
});

describe('parseSubjectAltName (Node\'s subjectAltName text)', () => {
  it('splits entries and decodes JSON-quoted values, so a comma inside a value cannot forge a second entry', () => {
    expect(parseSubjectAltName('URI:urn:bbf:usp:id:proto::a, DNS:localhost, IP Address:127.0.0.1')).toEqual([
      uri('urn:bbf:usp:id:proto::a'),
      { type: 'DNS', value: 'localhost' },
      { type: 'IP Address', value: '127.0.0.1' },
    ]);
    expect(parseSubjectAltName('URI:"urn:bbf:usp:id:proto::a, URI:urn:bbf:usp:id:proto::victim", DNS:x')).toEqual([
      uri('urn:bbf:usp:id:proto::a, URI:urn:bbf:usp:id:proto::victim'),
      { type: 'DNS', value: 'x' },
    ]);
    expect(parseSubjectAltName('')).toEqual([]);
  });
});
