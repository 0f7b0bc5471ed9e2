import { X509Certificate } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { CertificateFileStatus, CertificateSettings, CertificateStatus } from '../../../shared/api/settings';
import { summarizeX509 } from '../../mtp/peer-tls';

/** A CA bundle larger than this is not a certificate file; reading stops there. */
const MAX_PEM_BYTES = 1024 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The settings' trusted CA bundle and console certificate, read now (for the Settings view). */
export async function certificateStatus(settings: CertificateSettings): Promise<CertificateStatus> {
  return {
    trustedCa: settings.trustedCaFile === null ? null : await readCertificateFile(settings.trustedCaFile),
    console: settings.certFile === null ? null : await readCertificateFile(settings.certFile),
  };
}

/** Every certificate in a PEM file, summarized; an unreadable or certificate-less file says why. */
export async function readCertificateFile(file: string): Promise<CertificateFileStatus> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_PEM_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MAX_PEM_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { file, certificates: [], error: `cannot read ${file}: ${(error as Error).message}` };
  }
  const certificates = [];
  for (const block of text.match(PEM_BLOCK) ?? []) {
    try {
      certificates.push(summarizeX509(new X509Certificate(block)));
    } catch (error) {
      return { file, certificates, error: `${file} holds a malformed certificate: ${(error as Error).message}` };
    }
  }
  return { file, certificates, error: certificates.length === 0 ? `${file} holds no PEM certificate` : null };
}
