import { parseArgs } from 'node:util';
import { printable } from '../../../shared/endpoint-id';
import type { CliCommand } from '../command';
import { SnapshotService } from '../../services/snapshots/snapshot-service';
import { errorText, fail } from './record-io';
import { dataOption, withStore } from './store-cli';

const USAGE = `usage: usp-console snapshots [--agent EID] [--json] [--data DIR]

Lists the stored snapshots, newest first: id, capture time (UTC), agent, parameter count,
origin and label. Use an id with "usp-console export" or "usp-console diff".
--data DIR selects the data folder (default $XDG_DATA_HOME/usp-console or ~/.local/share/usp-console).`;

export const snapshotsCommand: CliCommand = {
  name: 'snapshots',
  summary: 'list stored snapshots',
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { ...dataOption, agent: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }));
    } catch (err) {
      return fail('snapshots', `${errorText(err)} (see usp-console snapshots --help)`, 2);
    }
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return withStore('snapshots', values.data, (store) => {
      const list = new SnapshotService(store).list(values.agent);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      if (list.length === 0) {
        process.stdout.write('no snapshots\n');
        return 0;
      }
      const rows = list.map((s) => [String(s.id), new Date(s.capturedAt).toISOString().replace('.000Z', 'Z'), printable(s.agent.endpointId), String(s.paramCount), s.source, printable(s.label)]);
      const header = ['ID', 'CAPTURED', 'AGENT', 'PARAMS', 'ORIGIN', 'LABEL'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
      return 0;
    });
  },
};
