import type { CertificateSettings } from '../../../shared/api/settings';
import { BenchCa, BenchCaError } from '../../services/certificates/bench-ca';
import { SettingsService } from '../../services/settings-service';
import { CliFailure, CliUsageError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import type { Reporter } from '../framework/reporter';
import { errorText } from './record-io';
import { dataOption, usableDataDir, withStore } from './store-cli';

const certsOptions = {
  ...dataOption,
  force: { type: 'boolean', group: 'certs init', help: 'replace an existing CA' },
  name: { type: 'string', value: 'CN', group: 'certs init', help: "the CA's common name" },
  'endpoint-id': { type: 'string', value: 'EID', group: 'certs issue', help: 'the Endpoint ID written into the subjectAltName (urn:bbf:usp:id:EID)' },
  controller: { type: 'boolean', group: 'certs issue', help: "the console's own certificate (certs/console.crt), saved in the settings" },
  dns: { type: 'string', multiple: true, value: 'NAME', group: 'certs issue', help: 'a DNS name for server name checks (default localhost)' },
  ip: { type: 'string', multiple: true, value: 'ADDR', group: 'certs issue', help: 'an IP address for server name checks (default 127.0.0.1, ::1)' },
  days: { type: 'string', value: 'N', group: 'certs issue', help: 'validity in days (1 to 36500)' },
} as const;

export const certsCommand = defineCommand({
  name: 'certs',
  summary: 'bench CA: create it, issue agent and console certificates',
  synopsis: `init [--force] [--name CN] [--data DIR]
       usp-console certs issue --endpoint-id EID [--controller] [--dns NAME]... [--ip ADDR]... [--days N] [--data DIR]`,
  description: `A bench certificate authority for labs, kept in DIR/certs/.
  init    creates the CA (ca.crt, ca.key); --force replaces an existing one.
  issue   signs a certificate whose subjectAltName carries urn:bbf:usp:id:EID (R-SEC.0a),
          plus DNS names and IP addresses for server name checks. Agents' files go to
          certs/agents/, --controller writes certs/console.crt and console.key.
Prints the files and the certificate's subject, SAN and expiry as JSON. Keys are mode 0600.
The console's settings (Settings → Certificates) take the new CA as trusted CA when none is set,
and a --controller certificate as the console's own certificate.`,
  options: certsOptions,
  positionals: { min: 1, max: 1, what: 'init or issue' },
  async run({ values, positionals, report }) {
    const [action] = positionals;
    const dataDir = usableDataDir(values.data);
    const ca = new BenchCa(dataDir);
    const only = (keys: readonly (keyof typeof certsOptions)[], command: string): void => {
      const misplaced = keys.find((k) => values[k] !== undefined);
      if (misplaced !== undefined) throw new CliUsageError(`--${misplaced} goes only with "certs ${command}"`);
    };
    try {
      if (action === 'init') {
        only(['endpoint-id', 'controller', 'dns', 'ip', 'days'], 'issue');
        const made = await ca.init({ ...(values.force ? { force: true } : {}), ...(values.name !== undefined ? { name: values.name } : {}) });
        report.json(made);
        report.note(`bench CA created: ${made.caFile}`);
        await useInSettings(dataDir, report, (current) => {
          if (current.trustedCaFile === null) return { ...current, trustedCaFile: made.caFile };
          if (current.trustedCaFile !== made.caFile) report.note(`the settings keep trusting ${current.trustedCaFile}; choose ${made.caFile} in Settings → Certificates to trust the bench CA`);
          return undefined;
        });
        return EXIT.ok;
      }
      if (action === 'issue') {
        only(['force', 'name'], 'init');
        const endpointId = values['endpoint-id'];
        if (endpointId === undefined) throw new CliUsageError('certs issue needs --endpoint-id EID');
        const days = values.days === undefined ? undefined : Number(values.days);
        if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 36500)) throw new CliUsageError(`--days must be a whole number of days from 1 to 36500, not "${values.days}"`);
        const issued = await ca.issue({
          endpointId,
          ...(values.controller ? { controller: true } : {}),
          ...(values.dns !== undefined ? { dnsNames: values.dns } : {}),
          ...(values.ip !== undefined ? { ipAddresses: values.ip } : {}),
          ...(days !== undefined ? { days } : {}),
        });
        report.json(issued);
        report.note(`certificate for ${endpointId} issued: ${issued.certFile}`);
        if (values.controller) await useInSettings(dataDir, report, (current) => ({ ...current, certFile: issued.certFile, keyFile: issued.keyFile }));
        return EXIT.ok;
      }
      throw new CliUsageError(`unknown action "${action ?? ''}" (init or issue)`);
    } catch (err) {
      if (err instanceof BenchCaError) throw err.badInput ? new CliUsageError(err.message) : new CliFailure(errorText(err), EXIT.failed);
      throw err;
    }
  },
});

/** Saves the certificate settings `change` returns (undefined: no change), saying so on stderr. */
function useInSettings(dataDir: string, report: Reporter, change: (current: CertificateSettings) => CertificateSettings | undefined): Promise<void> {
  return withStore(dataDir, (store) => {
    const settings = new SettingsService(store.settings);
    const next = change(settings.stored.certificates);
    if (next !== undefined) {
      settings.update({ certificates: next });
      report.note('saved in the console settings (Settings → Certificates)');
    }
  });
}
