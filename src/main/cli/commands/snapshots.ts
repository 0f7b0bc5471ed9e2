import { SnapshotService } from '../../services/snapshots/snapshot-service';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { checkEndpointIdFlag } from '../framework/endpoint-id-flag';
import { dataOption, withStore } from './store-cli';

export const snapshotsCommand = defineCommand({
  name: 'snapshots',
  summary: 'list stored snapshots',
  synopsis: '[--agent EID] [--json | --quiet] [--data DIR]',
  description: `Lists the stored snapshots, newest first: id, capture time (UTC), agent, parameter count,
origin and label, as a table (or JSON with --json, or only the ids with --quiet). Use an id with
"usp-console export" or "usp-console diff".`,
  options: {
    agent: { type: 'string', value: 'EID', help: "only this agent's snapshots" },
    json: { type: 'boolean', help: 'print the list as JSON' },
    quiet: { type: 'boolean', short: 'q', help: 'print only the ids, one a line, newest first' },
    ...dataOption,
  },
  async run({ values, report }) {
    const agent = values.agent === undefined ? undefined : checkEndpointIdFlag('--agent', values.agent);
    const list = await withStore(values.data, (store) => new SnapshotService(store).list(agent));
    if (values.json) report.json(list);
    else if (values.quiet) report.text(list.map((s) => String(s.id)).join('\n'));
    else if (list.length === 0) report.text('no snapshots');
    else {
      const rows = list.map((s) => [String(s.id), new Date(s.capturedAt).toISOString().replace('.000Z', 'Z'), s.agent.endpointId, String(s.paramCount), s.source, s.label]);
      const header = ['ID', 'CAPTURED', 'AGENT', 'PARAMS', 'ORIGIN', 'LABEL'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      report.text([header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n'));
    }
    return EXIT.ok;
  },
});
