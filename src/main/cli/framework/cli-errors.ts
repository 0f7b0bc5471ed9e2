import { EXIT, type ExitCode } from './exit-codes';

/** A failure a command reports as one line on stderr with a chosen exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** A problem with the command line itself (exit 2); the message names the flag or argument. */
export class CliUsageError extends CliFailure {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'CliUsageError';
  }
}

/** An input file (or stdin) that cannot be read or is not what the command takes: exit 2 in every command. */
export class CliInputError extends CliFailure {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'CliInputError';
  }
}
