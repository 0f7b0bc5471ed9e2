import { CliFailure } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { dataOption, withStore } from './store-cli';

export const forgetCommand = defineCommand({
  name: 'forget',
  summary: 'remove an agent and its cached data from the store',
  synopsis: 'EID [--data DIR]',
  description: `Removes an agent from the local store with what was learnt from it: its data model, cached
values, presence history, notifications, message trace and operations. Snapshots stay. Any stored
id is accepted, even one that is not a valid Endpoint ID. Run it while no console uses the folder.
Prints {"forgotten": EID} on success; exit 1 when the store holds no such agent.`,
  options: { ...dataOption },
  positionals: { min: 1, max: 1, what: 'one Endpoint ID' },
  async run({ values, positionals, report }) {
    const endpointId = positionals[0] ?? '';
    await withStore(values.data, (store) => {
      if (!store.forgetAgent(endpointId)) throw new CliFailure(`no agent "${endpointId}" in the store`, EXIT.failed);
    });
    report.json({ forgotten: endpointId });
    report.note(`forgot agent ${endpointId} and its cached data`);
    return EXIT.ok;
  },
});
