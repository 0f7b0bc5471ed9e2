import { parseArgs } from 'node:util';
import { printable } from '../../../shared/endpoint-id';
import type { CliCommand } from '../command';
import { errorText, fail } from './record-io';
import { dataOption, withStore } from './store-cli';

const USAGE = `usage: usp-console forget EID [--data DIR]

Removes an agent from the local store with what was learnt from it: its data model, cached
values, presence history, notifications, message trace and operations. Snapshots stay. Any stored
id is accepted, even one that is not a valid Endpoint ID. Run it while no console uses the folder.
Prints {"forgotten": EID} on success; exit 1 when the store holds no such agent.
--data DIR selects the data folder (default $XDG_DATA_HOME/usp-console or ~/.local/share/usp-console).`;

export const forgetCommand: CliCommand = {
  name: 'forget',
  summary: 'remove an agent and its cached data from the store',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...dataOption, help: { type: 'boolean', short: 'h' } } });
    } catch (err) {
      return fail('forget', `${errorText(err)} (see usp-console forget --help)`, 2);
    }
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [endpointId, ...extra] = parsed.positionals;
    if (endpointId === undefined || endpointId === '' || extra.length > 0) return fail('forget', 'give exactly one Endpoint ID (see usp-console forget --help)', 2);
    return withStore('forget', parsed.values.data, (store) => {
      if (!store.forgetAgent(endpointId)) return fail('forget', `no agent "${printable(endpointId, 120)}" in the store`);
      process.stdout.write(`${JSON.stringify({ forgotten: endpointId })}\n`);
      process.stderr.write(`forgot agent ${printable(endpointId, 120)} and its cached data\n`);
      return 0;
    });
  },
};
