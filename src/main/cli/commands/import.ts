import { importSnapshotFile } from '../../services/snapshots/import-snapshot';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { dataOption, withStore } from './store-cli';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'import a snapshot file',
  synopsis: 'FILE [--label TEXT] [--data DIR]',
  description: `Validates a snapshot file (the JSON format of "usp-console export") and stores it as a new
snapshot; prints the stored snapshot's summary as JSON (its "id" is what export and diff take).
A missing, truncated, foreign, newer-version or otherwise invalid file is refused with the reason
(exit 2) and nothing is stored.`,
  options: {
    label: { type: 'string', value: 'TEXT', help: "a label instead of the file's" },
    ...dataOption,
  },
  positionals: { min: 1, max: 1, what: 'one FILE' },
  async run({ values, positionals, report }) {
    const file = positionals[0] ?? '';
    const meta = await withStore(values.data, (store) => importSnapshotFile(store, file, values.label ? { label: values.label } : {}));
    report.json(meta);
    report.note(`imported snapshot ${meta.id}: ${meta.agent.endpointId}, ${meta.paramCount} parameters, "${meta.label}"`);
    return EXIT.ok;
  },
});
