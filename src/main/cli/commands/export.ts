import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { exportSnapshotToFile } from '../../services/snapshots/export-snapshot';
import { errorText, fail } from './record-io';
import { APP_VERSION, dataOption, withStore } from './store-cli';

const USAGE = `usage: usp-console export ID --out FILE [--format json|csv] [--no-redact] [--data DIR]

Writes stored snapshot ID to FILE: the portable JSON format (docs/snapshot-format.md, the
default) or CSV (path,value,type,redacted; one parameter per row). Secrets (secured
parameters, passwords, passphrases, keys, PINs) are withheld unless --no-redact is given.`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a stored snapshot as JSON or CSV',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: {
          ...dataOption,
          out: { type: 'string', short: 'o' },
          format: { type: 'string' },
          'no-redact': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: true,
      });
    } catch (err) {
      return fail('export', `${errorText(err)} (see usp-console export --help)`, 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const format = values.format ?? 'json';
    if (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!)) return fail('export', 'expects one snapshot ID (see usp-console snapshots)', 2);
    if (!values.out) return fail('export', 'missing --out FILE', 2);
    if (format !== 'json' && format !== 'csv') return fail('export', `unknown --format ${format} (json or csv)`, 2);
    const out = values.out;
    return withStore('export', values.data, async (store) => {
      try {
        const redact = !values['no-redact'];
        const summary = await exportSnapshotToFile(store, Number(positionals[0]), out, format, { redact, generator: `usp-console ${APP_VERSION}` });
        process.stderr.write(`wrote ${summary.values} parameters to ${out}${redact ? `, ${summary.redacted} secrets redacted` : ', NOT redacted'}\n`);
        return 0;
      } catch (err) {
        return fail('export', errorText(err));
      }
    });
  },
};
