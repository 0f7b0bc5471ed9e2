import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { importSnapshotFile } from '../../services/snapshots/import-snapshot';
import { errorText, fail } from './record-io';
import { dataOption, withStore } from './store-cli';

const USAGE = `usage: usp-console import FILE [--label TEXT] [--data DIR]

Validates a snapshot file (the JSON format of "usp-console export") and stores it as a new
snapshot. A truncated, foreign, newer-version or otherwise invalid file is refused with the
reason and nothing is stored.`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a snapshot file',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { ...dataOption, label: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    } catch (err) {
      return fail('import', `${errorText(err)} (see usp-console import --help)`, 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) return fail('import', 'expects one FILE', 2);
    return withStore('import', values.data, async (store) => {
      try {
        const meta = await importSnapshotFile(store, positionals[0]!, values.label ? { label: values.label } : {});
        process.stdout.write(`imported snapshot ${meta.id}: ${meta.agent.endpointId}, ${meta.paramCount} parameters, "${meta.label}"\n`);
        return 0;
      } catch (err) {
        return fail('import', errorText(err));
      }
    });
  },
};
