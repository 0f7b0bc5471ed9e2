import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { CertificateSummary, SubjectAltNameEntry, TlsLinkState } from '../../shared/model/tls';

const USP_ID_URN_PREFIX = 'urn:bbf:usp:id:';

/**
 * The TLS state of a connected socket, for the link info on inbound Records. `peerIsEndpoint`:
 * the certificate belongs to the USP peer itself (WebSocket) rather than to a broker.
 */
export function describeTlsSocket(socket: TLSSocket, peerIsEndpoint: boolean): TlsLinkState {
  const peer = socket.getPeerX509Certificate();
  const error = socket.authorizationError as Error | string | null | undefined;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    peer: peer === undefined ? null : summarizeX509(peer),
    authorized: socket.authorized,
    authorizationError: error === null || error === undefined ? null : String(error instanceof Error ? error.message : error),
    peerIsEndpoint,
  };
}

/**
 * Whether a socket error is the TLS check failing (an untrusted or expired certificate, a host
 * name the certificate does not carry) rather than the peer being unreachable: Node's error codes
 * (ERR_TLS_CERT_ALTNAME_INVALID, SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, …).
 */
export function isTlsCheckFailure(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /CERT|TLS|SSL|SIGN/.test(code);
}

/** Subject, issuer, SAN, validity and fingerprint of a certificate. */
export function summarizeX509(cert: X509Certificate): CertificateSummary {
  const subjectAltNames = parseSubjectAltName(cert.subjectAltName ?? '');
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    subjectAltNames,
    endpointIds: subjectAltNames
      .filter((san) => san.type === 'URI' && san.value.toLowerCase().startsWith(USP_ID_URN_PREFIX))
      .map((san) => san.value.slice(USP_ID_URN_PREFIX.length)),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    ca: cert.ca,
  };
}

/** Node prints one RDN per line; a single line reads better everywhere we show it. */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter((l) => l !== '').join(', ');
}

/**
 * Parses Node's subjectAltName text: `TYPE:value` entries joined by ", ", where a value with
 * a comma, quote or control character is written as a JSON string (so a crafted SAN cannot
 * smuggle a second entry past us).
 */
export function parseSubjectAltName(text: string): SubjectAltNameEntry[] {
  const entries: SubjectAltNameEntry[] = [];
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon < 0) break;
    const type = text.slice(i, colon);
    let value: string;
    let end: number;
    if (text[colon + 1] === '"') {
      end = closingQuote(text, colon + 2) + 1;
      value = JSON.parse(text.slice(colon + 1, end)) as string;
    } else {
      const next = text.indexOf(', ', colon + 1);
      end = next < 0 ? text.length : next;
      value = text.slice(colon + 1, end);
    }
    entries.push({ type, value });
    i = end + 2;
  }
  return entries;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  throw new Error(`unterminated quoted subjectAltName value in ${JSON.stringify(text)}`);
}
