import type { CertificateSettings, TlsFiles as ProfileTls } from '../../../shared/api/settings';
import type { TlsFiles } from '../../mtp/tls-files';
import type { WsServerTlsOptions } from '../../mtp/websocket/ws-server-transport';

/**
 * The TLS files a broker profile connects with: its own, else the console's certificate and
 * trusted CAs from the settings (a broker that demands client certificates, R-MTP.1).
 */
export function clientTls(profile: ProfileTls | undefined, certificates: CertificateSettings): TlsFiles {
  const files: TlsFiles = {};
  const caFile = profile?.caFile ?? certificates.trustedCaFile;
  const ownCert = profile?.certFile !== undefined ? { certFile: profile.certFile, keyFile: profile.keyFile } : { certFile: certificates.certFile, keyFile: certificates.keyFile };
  if (caFile !== null) files.caFile = caFile;
  if (ownCert.certFile !== null && ownCert.keyFile !== null && ownCert.keyFile !== undefined) Object.assign(files, ownCert);
  if (profile?.rejectUnauthorized !== undefined) files.rejectUnauthorized = profile.rejectUnauthorized;
  if (profile?.serverName !== undefined) files.serverName = profile.serverName;
  return files;
}

/**
 * The wss:// options of a listener profile with `tls`: its own files, else the console's
 * certificate; client certificates are checked against its CA file, else the trusted CAs.
 * A listener that wants TLS with no certificate anywhere gets empty file names, which its
 * start() refuses with a message saying so.
 */
export function listenerTls(profile: ProfileTls, certificates: CertificateSettings): WsServerTlsOptions {
  const own = profile.certFile !== undefined ? { certFile: profile.certFile, keyFile: profile.keyFile } : { certFile: certificates.certFile, keyFile: certificates.keyFile };
  const caFile = profile.caFile ?? certificates.trustedCaFile;
  return {
    certFile: own.certFile ?? '',
    keyFile: own.keyFile ?? '',
    ...(caFile !== null ? { caFile, requestClientCert: true } : {}),
    ...(profile.requireClientCert === true ? { requireClientCert: true } : {}),
  };
}
