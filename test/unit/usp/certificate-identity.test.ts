import { describe, expect, it } from 'vitest';
import { parseSubjectAltName } from '../../../src/main/mtp/peer-tls';
import { checkCertificateEndpointId, endpointIdsOf, endpointIdUrn, fqdnOf } from '../../../src/main/usp/certificate-identity';

const uri = (value: string) => ({ type: 'URI', value });

describe('Endpoint ID in a peer certificate (R-SEC.0a, R-SEC.10a)', () => {
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

describe('Endpoint ID in a peer certificate: the edges', () => {
  it('reads the URN prefix in any case, and only from URI entries', () => {
    expect(endpointIdsOf([uri('URN:BBF:USP:ID:proto::a'), { type: 'DNS', value: 'urn:bbf:usp:id:proto::b' }, uri('https://x'), uri('urn:bbf:usp:idproto::c')])).toEqual(['proto::a']);
    expect(endpointIdUrn('proto::a')).toBe('urn:bbf:usp:id:proto::a');
    expect(fqdnOf('fqdn::gw.example.org')).toBe('gw.example.org');
    expect(fqdnOf('proto::fqdn::x')).toBeUndefined();
  });

  it('matches an fqdn dNSName only for fqdn Endpoint IDs and only in a DNS entry', () => {
    expect(checkCertificateEndpointId([{ type: 'DNS', value: 'gw' }], 'proto::gw')).toMatchObject({ ok: false });
    expect(checkCertificateEndpointId([{ type: 'URI', value: 'gw.example.org' }], 'fqdn::gw.example.org')).toMatchObject({ ok: false });
    expect(checkCertificateEndpointId([{ type: 'DNS', value: 'gw.example.org' }], 'fqdn::GW.example.org')).toEqual({ ok: true, endpointId: 'fqdn::GW.example.org' });
    expect(checkCertificateEndpointId([{ type: 'DNS', value: 'other.example.org' }, { type: 'DNS', value: 'gw.example.org' }], 'fqdn::gw.example.org')).toMatchObject({ ok: true });
  });

  it('lists every Endpoint ID of the certificate when refusing', () => {
    const verdict = checkCertificateEndpointId([uri('urn:bbf:usp:id:proto::a'), uri('urn:bbf:usp:id:proto::b')], 'proto::c');
    expect(verdict).toEqual({ ok: false, reason: 'from_id "proto::c" is not the Endpoint ID in the peer\'s certificate ("proto::a", "proto::b"; R-SEC.10a)' });
    const none = checkCertificateEndpointId([], 'proto::c');
    expect(none).toEqual({ ok: false, reason: 'the peer\'s certificate names no Endpoint ID (no subjectAltName URI urn:bbf:usp:id:…, R-SEC.0a), so it cannot vouch for from_id "proto::c"' });
  });

  it('wildcards: cid, pen and ops share too; the wildcard stands for at least one character after a fixed prefix', () => {
    const ok = (pattern: string, fromId: string) => checkCertificateEndpointId([uri(`urn:bbf:usp:id:${pattern}`)], fromId).ok;
    expect(ok('cid:3AA3F8:*', 'cid:3AA3F8:x')).toBe(true);
    expect(ok('pen:3561:box-*', 'pen:3561:box-9')).toBe(true);
    expect(ok('ops::00256D-STB-*', 'ops::00256D-STB-42')).toBe(true);
    expect(ok('ops::00256-*', 'ops::00256-1')).toBe(false);
    expect(ok('ops::STB00256D-*', 'ops::STB00256D-1')).toBe(false);
    expect(ok('pen:3561:box-*', 'pen:3561:box-')).toBe(false);
    expect(ok('pen:3561:box-*', 'pen:3561:bo-9')).toBe(false);
    expect(ok('pen:3561:box-', 'pen:3561:box-9')).toBe(false);
    expect(ok('self::*', 'self::a')).toBe(false);
    expect(ok('user::*', 'user::a')).toBe(false);
    expect(ok('fqdn::*', 'fqdn::a')).toBe(false);
    expect(ok('oui*', 'oui:00256D:x')).toBe(false);
    expect(ok('oui:*', 'oui:00256D:x')).toBe(false);
    // The prefix before the instance-id is the authority-id, never an empty one standing for any.
    expect(ok('oui:00256D:*', 'oui:00256DX:a')).toBe(false);
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
