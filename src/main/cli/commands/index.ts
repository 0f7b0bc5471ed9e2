import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { diffCommand } from './diff';
import { encodeCommand } from './encode';
import { exportCommand } from './export';
import { forgetCommand } from './forget';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { simCommand } from './sim';
import { addCommand } from './add';
import { benchCommand } from './bench';
import { deleteCommand } from './delete';
import { getCommand } from './get';
import { gsdmCommand } from './gsdm';
import { instancesCommand } from './instances';
import { operateCommand } from './operate';
import { protocolsCommand } from './protocols';
import { setCommand } from './set';
import { snapshotCommand } from './snapshot';
import { watchCommand } from './watch';
import { jobCommand } from './job';
import { snapshotsCommand } from './snapshots';
import { certsCommand } from './certs';

/** Every sub-command, in the order `usp-console --help` lists them. */
export const commands: CliCommand[] = [serveCommand, decodeCommand, encodeCommand, snapshotsCommand, exportCommand, importCommand, diffCommand, forgetCommand, simCommand, certsCommand];

// Clients of a running console's automation API.
commands.push(jobCommand);

// One-agent requests (transport-options.ts).
commands.push(getCommand, setCommand, addCommand, deleteCommand, operateCommand, gsdmCommand, instancesCommand, protocolsCommand, watchCommand, benchCommand, snapshotCommand);
