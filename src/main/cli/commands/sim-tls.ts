import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { TlsFiles } from '../../mtp/tls-files';
import { BenchCa, fileSafe } from '../../services/certificates/bench-ca';
import { defaultDataDir } from '../../store/data-dir';

/** The TLS flags of `usp-console sim`. */
export interface SimTlsFlags {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  'cert-dir'?: string | undefined;
  'issue-certs'?: boolean | undefined;
  data?: string | undefined;
}

/**
 * Turns the flags into the TLS files of each agent, issuing missing bench certificates first.
 * Returns an error text for a usage error; undefined from the function for a plain link.
 */
export async function simTlsFiles(flags: SimTlsFlags, url: string, endpointIds: string[]): Promise<((endpointId: string) => TlsFiles | undefined) | string> {
  const given = (['ca', 'cert', 'key', 'cert-dir', 'issue-certs'] as const).filter((k) => flags[k] !== undefined && flags[k] !== false);
  if (given.length === 0) return () => undefined;
  if (!/^(mqtts|stomps|wss):/.test(url)) return `--${given[0]} needs an mqtts://, stomps:// or wss:// URL, not ${url}`;
  if ((flags.cert === undefined) !== (flags.key === undefined)) return '--cert and --key go together';
  const sources = [flags.cert !== undefined, flags['cert-dir'] !== undefined, flags['issue-certs'] === true].filter(Boolean).length;
  if (sources > 1) return 'give only one of --cert/--key, --cert-dir or --issue-certs';
  let ca = flags.ca;
  let perAgent: ((endpointId: string) => { certFile: string; keyFile: string }) | undefined;
  if (flags['issue-certs'] === true) {
    const bench = new BenchCa(flags.data ?? defaultDataDir());
    for (const endpointId of endpointIds) {
      const files = bench.agentFiles(endpointId);
      if (!(await exists(files.certFile)) || !(await exists(files.keyFile))) await bench.issue({ endpointId });
    }
    ca ??= bench.caFile;
    perAgent = (endpointId) => bench.agentFiles(endpointId);
  } else if (flags['cert-dir'] !== undefined) {
    const dir = flags['cert-dir'];
    perAgent = (endpointId) => ({ certFile: join(dir, `${fileSafe(endpointId)}.crt`), keyFile: join(dir, `${fileSafe(endpointId)}.key`) });
  }
  return (endpointId) => {
    const files: TlsFiles = {};
    if (ca !== undefined) files.caFile = ca;
    if (flags.cert !== undefined && flags.key !== undefined) Object.assign(files, { certFile: flags.cert, keyFile: flags.key });
    if (perAgent !== undefined) Object.assign(files, perAgent(endpointId));
    return files;
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
