import { randomBytes, webcrypto } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { endpointIdUrn, fqdnOf } from '../../usp/certificate-identity';
import type { CertificateSummary } from '../../../shared/model/tls';
import { describeCertificate } from './certificate-summary';
import { x509 } from './x509';

/** ECDSA P-256 with SHA-256: small, fast, and accepted by Node, OpenSSL (Mosquitto, obuspa) and Erlang (RabbitMQ). */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** Where a bench CA keeps its files: `<data>/certs/`. */
export function certsDir(dataDir: string): string {
  return join(dataDir, 'certs');
}

export interface IssuedFiles {
  certFile: string;
  keyFile: string;
  /** The bench CA certificate: what the peers must trust. */
  caFile: string;
  certificate: CertificateSummary;
}

export interface IssueOptions {
  endpointId: string;
  /** A certificate for the console itself (file `console.crt`) rather than for an agent. */
  controller?: boolean;
  /** Host names the certificate is valid for, for server name checks; default `localhost`. */
  dnsNames?: string[];
  /** IP addresses likewise; default 127.0.0.1 and ::1. */
  ipAddresses?: string[];
  /** Validity in days; default 365. */
  days?: number;
}

/** A certificate request the bench CA cannot fulfil (bad Endpoint ID, no CA yet, CA already there). */
export class BenchCaError extends Error {
  override name = 'BenchCaError';

  /** badInput: the request itself is wrong (a usage error), not the state of the data folder. */
  constructor(
    message: string,
    readonly badInput = false,
  ) {
    super(message);
  }
}

/**
 * A certificate authority for labs and tests: `certs init` makes it, `certs issue` signs
 * certificates carrying an Endpoint ID in the subjectAltName (R-SEC.0a) for agents or for the
 * console. Keys are written with mode 0600.
 */
export class BenchCa {
  constructor(private readonly dataDir: string) {}

  get caFile(): string {
    return join(certsDir(this.dataDir), 'ca.crt');
  }

  get caKeyFile(): string {
    return join(certsDir(this.dataDir), 'ca.key');
  }

  /** Where `issue --controller` writes the console's certificate. */
  get consoleFiles(): { certFile: string; keyFile: string } {
    return { certFile: join(certsDir(this.dataDir), 'console.crt'), keyFile: join(certsDir(this.dataDir), 'console.key') };
  }

  /** Where `issue` writes an agent's certificate: `certs/agents/<Endpoint ID, file-safe>.crt`. */
  agentFiles(endpointId: string): { certFile: string; keyFile: string } {
    const base = join(certsDir(this.dataDir), 'agents', fileSafe(endpointId));
    return { certFile: `${base}.crt`, keyFile: `${base}.key` };
  }

  /** Creates the CA (10 years); refuses to replace an existing one unless `force`. */
  async init(options: { force?: boolean; name?: string } = {}): Promise<{ caFile: string; keyFile: string; certificate: CertificateSummary }> {
    if (!options.force && (await exists(this.caFile))) {
      throw new BenchCaError(`a bench CA already exists at ${this.caFile} (use --force to replace it and invalidate every certificate it issued)`);
    }
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: `CN=${escapeRdn(options.name ?? 'USP Console bench CA')}, O=USP Console`,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 3650 * DAY_MS),
      keys: keys as CryptoKeyPair,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
      ],
    });
    await mkdir(certsDir(this.dataDir), { recursive: true, mode: 0o700 });
    await writeKey(this.caKeyFile, keys.privateKey as CryptoKey);
    await writeFile(this.caFile, cert.toString('pem') + '\n');
    return { caFile: this.caFile, keyFile: this.caKeyFile, certificate: describeCertificate(cert.toString('pem')) };
  }

  /** Issues a certificate for an agent or the console, signed by the CA made by init(). */
  async issue(options: IssueOptions): Promise<IssuedFiles> {
    const { endpointId } = options;
    if (!/^[^:\s]+:[^:\s]*:\S+$/.test(endpointId) || endpointId.length > 256) {
      throw new BenchCaError(`"${endpointId}" is not an Endpoint ID (authority-scheme:[authority-id]:instance-id, at most 256 characters)`, true);
    }
    const ca = await this.load();
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const fqdn = fqdnOf(endpointId);
    const dnsNames = [...new Set([...(options.dnsNames ?? ['localhost']), ...(fqdn !== undefined ? [fqdn] : [])])];
    const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
    for (const ip of ipAddresses) if (isIP(ip) === 0) throw new BenchCaError(`"${ip}" is not an IP address`, true);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: `CN=${escapeRdn(endpointId)}, O=USP Console bench`,
      issuer: ca.cert.subject,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + (options.days ?? 365) * DAY_MS),
      publicKey: keys.publicKey as CryptoKey,
      signingKey: ca.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
        // Either side of a USP link can be the TLS server (WebSocket) or client (brokers, WebSocket).
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'url', value: endpointIdUrn(endpointId) },
          ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
          ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
        ]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      ],
    });
    const { certFile, keyFile } = options.controller ? this.consoleFiles : this.agentFiles(endpointId);
    await mkdir(join(certsDir(this.dataDir), 'agents'), { recursive: true, mode: 0o700 });
    await writeKey(keyFile, keys.privateKey as CryptoKey);
    await writeFile(certFile, cert.toString('pem') + '\n');
    return { certFile, keyFile, caFile: this.caFile, certificate: describeCertificate(cert.toString('pem')) };
  }

  private async load(): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
    let certPem: string;
    let keyPem: string;
    try {
      [certPem, keyPem] = await Promise.all([readFile(this.caFile, 'utf8'), readFile(this.caKeyFile, 'utf8')]);
    } catch (error) {
      throw new BenchCaError(`no bench CA in ${certsDir(this.dataDir)} (run "usp-console certs init" first): ${(error as Error).message}`);
    }
    const cert = new x509.X509Certificate(certPem);
    const der = x509.PemConverter.decodeFirst(keyPem);
    const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return { cert, key: key as CryptoKey };
  }
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

async function writeKey(path: string, key: CryptoKey): Promise<void> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey);
  await writeFile(path, x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n', { mode: 0o600 });
  await chmod(path, 0o600);
}

/** 16 random bytes, positive as DER requires (RFC 5280 §4.1.2.2). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** `proto::agent-1` → `proto__agent-1`: a file name with no separators or colons. */
export function fileSafe(endpointId: string): string {
  return endpointId.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Escapes the characters RFC 4514 reserves in a distinguished name value. */
function escapeRdn(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`);
}
