/**
 * Which USP Endpoint IDs a peer's X.509 certificate vouches for, and whether a Record's
 * from_id is one of them (R-SEC.0a, R-SEC.10a). Pure: the transports hand in
 * the certificate's subjectAltName entries.
 */

/** One subjectAltName entry as TLS reports it: `URI` / `DNS` / `IP Address` / … and its value. */
export interface SubjectAltName {
  type: string;
  value: string;
}

/** The subjectAltName URI prefix that carries a USP Endpoint ID (R-SEC.0a). */
export const USP_ID_URN_PREFIX = 'urn:bbf:usp:id:';

/** Schemes whose agents may share one certificate with a wildcarded instance-id (R-SEC.11). */
const WILDCARD_SCHEMES = new Set(['oui', 'cid', 'pen', 'os', 'ops']);

export type CertificateIdentity = { ok: true; endpointId: string } | { ok: false; reason: string };

/** `oui:00256D:x` → `urn:bbf:usp:id:oui:00256D:x`. */
export function endpointIdUrn(endpointId: string): string {
  return USP_ID_URN_PREFIX + endpointId;
}

/** `fqdn::host.example` → `host.example`; undefined for other schemes (R-ARC.4a). */
export function fqdnOf(endpointId: string): string | undefined {
  return endpointId.startsWith('fqdn::') ? endpointId.slice('fqdn::'.length) : undefined;
}

/** The Endpoint IDs named in URI entries `urn:bbf:usp:id:…` (possibly with a wildcard instance-id). */
export function endpointIdsOf(subjectAltNames: readonly SubjectAltName[]): string[] {
  return subjectAltNames
    .filter((san) => san.type === 'URI' && san.value.toLowerCase().startsWith(USP_ID_URN_PREFIX))
    .map((san) => san.value.slice(USP_ID_URN_PREFIX.length));
}

/**
 * Whether a certificate with these subjectAltNames may send Records from `fromId`: a URI SAN
 * `urn:bbf:usp:id:<fromId>` (R-SEC.0a), a dNSName equal to the instance-id of an `fqdn`
 * Endpoint ID (R-ARC.4a), or a shared certificate whose instance-id ends in `*` for the
 * schemes that allow it, without wildcarding the OUI of `os`/`ops` (R-SEC.11/12).
 */
export function checkCertificateEndpointId(subjectAltNames: readonly SubjectAltName[], fromId: string): CertificateIdentity {
  const named = endpointIdsOf(subjectAltNames);
  if (named.some((eid) => eid === fromId || wildcardMatches(eid, fromId))) return { ok: true, endpointId: fromId };
  const fqdn = fqdnOf(fromId);
  if (fqdn !== undefined && subjectAltNames.some((san) => san.type === 'DNS' && san.value.toLowerCase() === fqdn.toLowerCase())) {
    return { ok: true, endpointId: fromId };
  }
  if (named.length === 0) {
    return { ok: false, reason: `the peer's certificate names no Endpoint ID (no subjectAltName URI ${USP_ID_URN_PREFIX}…, R-SEC.0a), so it cannot vouch for from_id "${fromId}"` };
  }
  return { ok: false, reason: `from_id "${fromId}" is not the Endpoint ID in the peer's certificate (${named.map((n) => `"${n}"`).join(', ')}; R-SEC.10a)` };
}

function wildcardMatches(pattern: string, fromId: string): boolean {
  if (!pattern.endsWith('*')) return false;
  const parts = pattern.split(':');
  // Stryker disable next-line StringLiteral: equivalent, split always returns at least one element
  const scheme = parts[0] ?? '';
  if (parts.length < 3 || !WILDCARD_SCHEMES.has(scheme)) return false;
  const prefix = pattern.slice(0, -1);
  // Stryker disable next-line StringLiteral: equivalent, it differs only for an os/ops pattern with a non-empty authority-id, and a from_id matching that prefix breaks the Endpoint ID grammar, refused (classifyInbound) before any certificate check
  const instancePrefix = prefix.slice(prefix.indexOf(':', scheme.length + 1) + 1);
  // os/ops instance-ids start with `<OUI>-`: the OUI must stay fixed (R-SEC.12).
  if ((scheme === 'os' || scheme === 'ops') && !/^[0-9A-Fa-f]{6}-/.test(instancePrefix)) return false;
  return fromId.startsWith(prefix) && fromId.length > prefix.length;
}
