import { BenchCa } from '../../src/main/services/certificates/bench-ca';
import type { CertificateFiles } from './certificates';

export interface BenchCertificates {
  /** The bench CA certificate every side trusts. */
  caFile: string;
  /** The console's certificate (issued with --controller). */
  controller: CertificateFiles;
  /** One certificate per requested Endpoint ID. */
  agents: Record<string, CertificateFiles>;
}

/**
 * A bench CA in `dataDir` (the code behind `usp-console certs`) with a certificate for the
 * console and one per agent Endpoint ID, each also valid for localhost and 127.0.0.1.
 */
export async function makeBenchCertificates(dataDir: string, controllerId: string, agentIds: string[]): Promise<BenchCertificates> {
  const ca = new BenchCa(dataDir);
  await ca.init();
  const controller = await ca.issue({ endpointId: controllerId, controller: true, days: 1 });
  const agents: Record<string, CertificateFiles> = {};
  for (const id of agentIds) {
    const issued = await ca.issue({ endpointId: id, days: 1 });
    agents[id] = { certFile: issued.certFile, keyFile: issued.keyFile };
  }
  return { caFile: ca.caFile, controller: { certFile: controller.certFile, keyFile: controller.keyFile }, agents };
}
