import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { diffCommand } from './diff';
import { encodeCommand } from './encode';
import { exportCommand } from './export';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { simCommand } from './sim';
import { snapshotsCommand } from './snapshots';

/** Every sub-command, in the order `usp-console --help` lists them. */
export const commands: CliCommand[] = [serveCommand, decodeCommand, encodeCommand, snapshotsCommand, exportCommand, importCommand, diffCommand, simCommand];
