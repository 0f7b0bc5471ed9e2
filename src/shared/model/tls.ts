/** One subjectAltName entry: `URI`, `DNS`, `IP Address`, `email`… and its value. */
export interface SubjectAltNameEntry {
  type: string;
  value: string;
}

/** What a person needs to judge an X.509 certificate at a glance. */
export interface CertificateSummary {
  /** Distinguished name, e.g. "CN=proto::agent-1, O=USP Console bench". */
  subject: string;
  issuer: string;
  subjectAltNames: SubjectAltNameEntry[];
  /** Endpoint IDs from `urn:bbf:usp:id:` URI entries (R-SEC.0a). */
  endpointIds: string[];
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  /** A CA certificate (basicConstraints cA). */
  ca: boolean;
}

/** The TLS state of one MTP link: a WebSocket connection, or a broker session. */
export interface TlsLinkState {
  /** e.g. "TLSv1.3". */
  protocol: string | null;
  /** e.g. "TLS_AES_256_GCM_SHA384". */
  cipher: string | null;
  /** The certificate the other side presented; null when it presented none. */
  peer: CertificateSummary | null;
  /** The peer certificate chains to a trusted CA. */
  authorized: boolean;
  authorizationError: string | null;
  /**
   * The peer certificate is the USP endpoint's own (a WebSocket peer), so it can vouch for
   * from_id; false for a broker's certificate, which only authenticates the broker (R-E2E.28).
   */
  peerIsEndpoint: boolean;
}
