import type { TlsLinkState } from '../../shared/model/tls';
import type { InboundRecord } from '../mtp/transport';
import { checkCertificateEndpointId } from '../usp/certificate-identity';

/** A Record refused because the peer's certificate does not vouch for its from_id. */
export interface CertificateRefusal {
  at: number;
  transportId: string;
  reason: string;
}

/** Bound on the agents whose link security is remembered; the least recently heard are forgotten first. */
const MAX_AGENTS = 100_000;

/**
 * Why a Record must not be processed, or null when it may: over a link whose peer certificate
 * is the sender's own (a WebSocket peer), that certificate must carry the Record's from_id
 * (R-SEC.0a, R-SEC.10a). A broker's certificate says nothing about from_id (R-E2E.28), and a
 * peer that sent no certificate is judged by the transport's policy (requireClientCert).
 */
export function certificateRefusal(inbound: InboundRecord, fromId: string): string | null {
  const tls = inbound.tls;
  if (tls === undefined || !tls.peerIsEndpoint || tls.peer === null) return null;
  const verdict = checkCertificateEndpointId(tls.peer.subjectAltNames, fromId);
  return verdict.ok ? null : `certificate mismatch: ${verdict.reason} (certificate subject "${tls.peer.subject}")`;
}

/**
 * The TLS state of each agent's links (per transport, the latest Record's) and its last
 * certificate refusal, for the agent details. Bounded by MAX_AGENTS.
 */
export class LinkSecurity {
  private readonly agents = new Map<string, { links: Map<string, TlsLinkState>; refusal: CertificateRefusal | null }>();

  /** Remembers the TLS state of the link a Record from this agent came over (none: a plain link). */
  heard(endpointId: string, transportId: string, tls: TlsLinkState | undefined): void {
    const entry = this.entry(endpointId);
    if (tls === undefined) entry.links.delete(transportId);
    else entry.links.set(transportId, tls);
  }

  refused(endpointId: string, refusal: CertificateRefusal): void {
    this.entry(endpointId).refusal = refusal;
  }

  /** TLS state by transport id; empty when every link is plain or nothing was heard. */
  links(endpointId: string): Map<string, TlsLinkState> {
    return new Map(this.agents.get(endpointId)?.links ?? []);
  }

  lastRefusal(endpointId: string): CertificateRefusal | null {
    return this.agents.get(endpointId)?.refusal ?? null;
  }

  forget(endpointId: string): void {
    this.agents.delete(endpointId);
  }

  private entry(endpointId: string): { links: Map<string, TlsLinkState>; refusal: CertificateRefusal | null } {
    let entry = this.agents.get(endpointId);
    if (entry !== undefined) this.agents.delete(endpointId);
    else entry = { links: new Map(), refusal: null };
    // Re-inserted last: Map order is then least recently heard first.
    this.agents.set(endpointId, entry);
    if (this.agents.size > MAX_AGENTS) this.agents.delete(this.agents.keys().next().value as string);
    return entry;
  }
}
