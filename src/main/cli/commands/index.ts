import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { encodeCommand } from './encode';

/** Every sub-command, in the order `usp-console --help` lists them. */
export const commands: CliCommand[] = [decodeCommand, encodeCommand];
