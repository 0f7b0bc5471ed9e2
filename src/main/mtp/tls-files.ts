import { readFile } from 'node:fs/promises';
import { TransportError } from './transport';

/** PEM files for a TLS endpoint (ours: cert + key; theirs: the CA to trust). */
export interface TlsFiles {
  /** Our certificate chain (PEM). */
  certFile?: string;
  /** The private key of certFile (PEM). */
  keyFile?: string;
  /** CA certificates used to verify the peer (PEM); defaults to the system store. */
  caFile?: string;
  /** Verify the peer's certificate; default true. */
  rejectUnauthorized?: boolean;
  /**
   * The name the server's certificate must carry (SNI and the host name check); default the
   * URL's host. For a server reached by an address its certificate does not list.
   */
  serverName?: string;
}

export interface LoadedTls {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

/** Reads the PEM files; a missing or unreadable file becomes a TransportError naming it. */
export async function loadTlsFiles(files: TlsFiles, transportId: string): Promise<LoadedTls> {
  const read = async (path: string | undefined, what: string): Promise<Buffer | undefined> => {
    if (path === undefined) return undefined;
    try {
      return await readFile(path);
    } catch (error) {
      throw new TransportError(`cannot read the TLS ${what} file ${path}: ${(error as Error).message}`, transportId, {
        cause: error,
      });
    }
  };
  const loaded: LoadedTls = { rejectUnauthorized: files.rejectUnauthorized ?? true };
  const cert = await read(files.certFile, 'certificate');
  const key = await read(files.keyFile, 'key');
  const ca = await read(files.caFile, 'CA');
  if (cert !== undefined) loaded.cert = cert;
  if (key !== undefined) loaded.key = key;
  if (ca !== undefined) loaded.ca = ca;
  if (files.serverName !== undefined) loaded.servername = files.serverName;
  return loaded;
}
