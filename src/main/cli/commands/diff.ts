import { existsSync } from 'node:fs';
import { diffSnapshots, type DiffInput } from '../../services/diff/diff';
import { formatDiffReport } from '../../services/diff/diff-report';
import { fileInput, snapshotInput } from '../../services/diff/diff-sources';
import { SnapshotService } from '../../services/snapshots/snapshot-service';
import type { Store } from '../../store/store';
import { CliInputError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { reportFailure } from '../framework/report-failure';
import { dataOption, openStore } from './store-cli';

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'compare two snapshots (files or stored IDs)',
  synopsis: 'A B [--json] [--ignore PATH]... [--no-redact] [--data DIR]',
  description: `Compares two snapshots, each a snapshot file or a stored snapshot ID: schema objects,
instances and parameter values (compared by type: "1" = "true", "007" = "7", equal instants).
Prints a readable report, or the diff as JSON with --json. --ignore leaves out a parameter, or a
subtree when PATH ends with "." ("*" = one segment), e.g. --ignore Device.DeviceInfo.UpTime.
Secrets (secured parameters, passwords, passphrases, keys, PINs) are withheld unless --no-redact
is given: a changed secret is listed, its values shown as (redacted) ("redacted": true in JSON).
Exit status: 0 equal, 1 different, 2 error (like diff(1)).`,
  options: {
    json: { type: 'boolean', help: 'print the diff as JSON' },
    ignore: { type: 'string', multiple: true, value: 'PATH', help: 'leave out a parameter, or a subtree when PATH ends with "."' },
    'no-redact': { type: 'boolean', help: 'include secrets' },
    ...dataOption,
  },
  positionals: { min: 2, max: 2, what: 'two snapshots A and B (files or stored IDs)' },
  async run({ values, positionals, report }) {
    let store: Store | undefined;
    const load = async (ref: string): Promise<DiffInput> => {
      if (existsSync(ref)) return fileInput(ref);
      if (!/^\d+$/.test(ref)) throw new CliInputError(`${ref} is neither a file nor a snapshot ID`);
      store ??= openStore(values.data);
      return snapshotInput(new SnapshotService(store), Number(ref));
    };
    try {
      const left = await load(positionals[0]!);
      const right = await load(positionals[1]!);
      const result = diffSnapshots(left, right, { ignore: values.ignore ?? [], redact: values['no-redact'] !== true });
      if (values.json) report.json(result);
      else report.text(formatDiffReport(result));
      return result.equal ? EXIT.ok : EXIT.failed;
    } catch (error) {
      // 1 means "different" here, so any failure to compare is 2 (like diff(1)).
      const code = reportFailure('diff', error);
      return code === EXIT.failed ? EXIT.usage : code;
    } finally {
      store?.close();
    }
  },
});
