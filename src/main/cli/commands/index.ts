import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { diffCommand } from './diff';
import { encodeCommand } from './encode';
import { exportCommand } from './export';
import { importCommand } from './import';
import { snapshotsCommand } from './snapshots';

/** Every sub-command, in the order `usp-console --help` lists them. */
export const commands: CliCommand[] = [decodeCommand, encodeCommand, snapshotsCommand, exportCommand, importCommand, diffCommand];
