import { X509Certificate } from 'node:crypto';
import { summarizeX509 } from '../../mtp/peer-tls';
import type { CertificateSummary } from '../../../shared/model/tls';

/** Summary of the first certificate in a PEM text; throws on text that holds none. */
export function describeCertificate(pem: string | Buffer): CertificateSummary {
  return summarizeX509(new X509Certificate(pem));
}
