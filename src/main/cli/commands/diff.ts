import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { diffSnapshots, type DiffInput } from '../../services/diff/diff';
import { formatDiffReport } from '../../services/diff/diff-report';
import { fileInput, snapshotInput } from '../../services/diff/diff-sources';
import { SnapshotService } from '../../services/snapshots/snapshot-service';
import type { Store } from '../../store/store';
import { errorText, fail } from './record-io';
import { dataOption, openStore } from './store-cli';

const USAGE = `usage: usp-console diff A B [--json] [--ignore PATH]... [--data DIR]

Compares two snapshots, each a snapshot file or a stored snapshot ID: schema objects,
instances and parameter values (compared by type: "1" = "true", "007" = "7", equal instants).
Prints a readable report, or the diff as JSON with --json. --ignore leaves out a parameter, or a
subtree when PATH ends with "." ("*" = one segment), e.g. --ignore Device.DeviceInfo.UpTime.
Exit status: 0 equal, 1 different, 2 error (like diff(1)).`;

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'compare two snapshots (files or stored IDs)',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: { ...dataOption, json: { type: 'boolean' }, ignore: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
      });
    } catch (err) {
      return fail('diff', `${errorText(err)} (see usp-console diff --help)`, 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 2) return fail('diff', 'expects two snapshots A and B (files or stored IDs)', 2);
    let store: Store | undefined;
    const load = async (ref: string): Promise<DiffInput> => {
      if (existsSync(ref)) return fileInput(ref);
      if (!/^\d+$/.test(ref)) throw new Error(`${ref} is neither a file nor a snapshot ID`);
      store ??= openStore(values.data);
      return snapshotInput(new SnapshotService(store), Number(ref));
    };
    try {
      const left = await load(positionals[0]!);
      const right = await load(positionals[1]!);
      const result = diffSnapshots(left, right, { ignore: values.ignore ?? [] });
      process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatDiffReport(result));
      return result.equal ? 0 : 1;
    } catch (err) {
      return fail('diff', errorText(err), 2);
    } finally {
      store?.close();
    }
  },
};
