import { exportSnapshotToFile } from '../../services/snapshots/export-snapshot';
import { CliUsageError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { APP_VERSION, dataOption, withStore } from './store-cli';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export a stored snapshot as JSON or CSV',
  synopsis: 'ID --out FILE [--format json|csv] [--no-redact] [--data DIR]',
  description: `Writes stored snapshot ID (see "usp-console snapshots") to FILE: the portable JSON format
(docs/snapshot-format.md, the default) or CSV (path,value,type,redacted; one parameter per row).
Secrets (secured parameters, passwords, passphrases, keys, PINs) are withheld unless --no-redact
is given. Prints what was written as JSON.`,
  options: {
    out: { type: 'string', short: 'o', value: 'FILE', help: 'the file to write (required)' },
    format: { type: 'string', value: 'json|csv', help: 'file format', default: 'json' },
    'no-redact': { type: 'boolean', help: 'include secrets' },
    ...dataOption,
  },
  positionals: { min: 1, max: 1, what: 'one snapshot ID (see usp-console snapshots)' },
  async run({ values, positionals, report }) {
    const id = positionals[0] ?? '';
    if (!/^\d+$/.test(id)) throw new CliUsageError(`the snapshot ID is a number (see usp-console snapshots), not "${id}"`);
    if (!values.out) throw new CliUsageError('missing --out FILE');
    const format = values.format;
    if (format !== 'json' && format !== 'csv') throw new CliUsageError(`unknown --format ${format ?? ''} (json or csv)`);
    const out = values.out;
    const redact = values['no-redact'] !== true;
    const summary = await withStore(values.data, (store) => exportSnapshotToFile(store, Number(id), out, format, { redact, generator: `usp-console ${APP_VERSION}` }));
    report.json({ id: Number(id), file: out, format, ...summary, redact });
    report.note(`wrote ${summary.values} parameters to ${out}${redact ? `, ${summary.redacted} secrets redacted` : ', NOT redacted'}`);
    return EXIT.ok;
  },
});
