import type { CliCommand } from '../command';

/** Every sub-command, in the order `usp-console --help` lists them. */
export const commands: CliCommand[] = [];
