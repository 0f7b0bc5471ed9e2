import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface CertificateFiles {
  /** PEM certificate (self-signed, so it is also the CA to trust). */
  certFile: string;
  /** PEM private key. */
  keyFile: string;
}

/**
 * Makes a self-signed P-256 certificate valid for one day for CN=name and the
 * subjectAltNames IP:127.0.0.1 and DNS:localhost (and URI:urn:bbf:usp:id:<endpointId> when
 * given), with openssl, in dir. Trust it by passing certFile as the CA.
 */
export function makeSelfSignedCert(dir: string, name: string, endpointId?: string): CertificateFiles {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', `/CN=${name}`,
      '-addext', `subjectAltName=IP:127.0.0.1,DNS:localhost${endpointId === undefined ? '' : `,URI:urn:bbf:usp:id:${endpointId}`}`,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}
