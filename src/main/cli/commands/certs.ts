import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { BenchCa, BenchCaError } from '../../services/certificates/bench-ca';
import { SettingsService } from '../../app/settings-service';
import { defaultDataDir } from '../../store/data-dir';
import type { CertificateSettings } from '../../../shared/api/settings';
import { errorText, fail } from './record-io';
import { withStore } from './store-cli';

const USAGE = `usage: usp-console certs init [--force] [--name CN] [--data DIR]
       usp-console certs issue --endpoint-id EID [--controller] [--dns NAME]... [--ip ADDR]... [--days N] [--data DIR]

A bench certificate authority for labs, kept in DIR/certs/ (default data folder
$XDG_DATA_HOME/usp-console or ~/.local/share/usp-console).
  init    creates the CA (ca.crt, ca.key); --force replaces an existing one.
  issue   signs a certificate whose subjectAltName carries urn:bbf:usp:id:EID (R-SEC.0a),
          plus --dns names (default localhost) and --ip addresses (default 127.0.0.1, ::1) for
          server name checks. Agents' files go to certs/agents/, --controller writes
          certs/console.crt and console.key (the console's own certificate).
Prints the files and the certificate's subject, SAN and expiry as JSON. Keys are mode 0600.
The console's settings (Settings → Certificates) take the new CA as trusted CA when none is set,
and a --controller certificate as the console's own certificate.`;

export const certsCommand: CliCommand = {
  name: 'certs',
  summary: 'bench CA: create it, issue agent and console certificates',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          data: { type: 'string' },
          force: { type: 'boolean' },
          name: { type: 'string' },
          'endpoint-id': { type: 'string' },
          controller: { type: 'boolean' },
          dns: { type: 'string', multiple: true },
          ip: { type: 'string', multiple: true },
          days: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (err) {
      return fail('certs', `${errorText(err)} (see usp-console certs --help)`, 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [action, ...extra] = positionals;
    if (extra.length > 0) return fail('certs', `unexpected arguments: ${extra.join(' ')}`, 2);
    const dataDir = values.data ?? defaultDataDir();
    const ca = new BenchCa(dataDir);
    try {
      if (action === 'init') {
        const issueOnly = (['endpoint-id', 'controller', 'dns', 'ip', 'days'] as const).filter((k) => values[k] !== undefined);
        if (issueOnly.length > 0) return fail('certs', `--${issueOnly[0]} goes only with "certs issue"`, 2);
        const made = await ca.init({ ...(values.force ? { force: true } : {}), ...(values.name !== undefined ? { name: values.name } : {}) });
        process.stdout.write(`${JSON.stringify(made, null, 2)}\n`);
        process.stderr.write(`bench CA created: ${made.caFile}\n`);
        return useInSettings(dataDir, (current) => {
          if (current.trustedCaFile === null) return { ...current, trustedCaFile: made.caFile };
          if (current.trustedCaFile !== made.caFile) process.stderr.write(`the settings keep trusting ${current.trustedCaFile}; choose ${made.caFile} in Settings → Certificates to trust the bench CA\n`);
          return undefined;
        });
      }
      if (action === 'issue') {
        const endpointId = values['endpoint-id'];
        if (endpointId === undefined) return fail('certs', 'certs issue needs --endpoint-id EID', 2);
        if (values.force || values.name !== undefined) return fail('certs', `--${values.force ? 'force' : 'name'} goes only with "certs init"`, 2);
        const days = values.days === undefined ? undefined : Number(values.days);
        if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 36500)) return fail('certs', `--days must be a whole number of days from 1 to 36500, not "${values.days}"`, 2);
        const issued = await ca.issue({
          endpointId,
          ...(values.controller ? { controller: true } : {}),
          ...(values.dns !== undefined ? { dnsNames: values.dns } : {}),
          ...(values.ip !== undefined ? { ipAddresses: values.ip } : {}),
          ...(days !== undefined ? { days } : {}),
        });
        process.stdout.write(`${JSON.stringify(issued, null, 2)}\n`);
        process.stderr.write(`certificate for ${JSON.stringify(endpointId)} issued: ${issued.certFile}\n`);
        if (!values.controller) return 0;
        return useInSettings(dataDir, (current) => ({ ...current, certFile: issued.certFile, keyFile: issued.keyFile }));
      }
      return fail('certs', action === undefined ? 'say "certs init" or "certs issue" (see usp-console certs --help)' : `unknown action "${action}" (init or issue)`, 2);
    } catch (err) {
      return fail('certs', errorText(err), err instanceof BenchCaError && err.badInput ? 2 : 1);
    }
  },
};

/** Saves the certificate settings `change` returns (undefined: no change), saying so on stderr. */
function useInSettings(dataDir: string, change: (current: CertificateSettings) => CertificateSettings | undefined): Promise<number> {
  return withStore('certs', dataDir, (store) => {
    const settings = new SettingsService(store.settings);
    const next = change(settings.stored.certificates);
    if (next !== undefined) {
      settings.update({ certificates: next });
      process.stderr.write('saved in the console settings (Settings → Certificates)\n');
    }
    return 0;
  });
}
