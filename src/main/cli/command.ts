/** One `usp-console` sub-command: parses its own arguments and returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}
