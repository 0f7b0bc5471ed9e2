import { commands } from './commands';
import { APP_VERSION } from './commands/store-cli';
import { EXIT } from './framework/exit-codes';
import { reporter } from './framework/reporter';

const usage = (): string =>
  [
    'usage: usp-console <command> [options]      (usp-console <command> --help for its flags)',
    '       usp-console --version',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'exit codes: 0 ok, 1 USP error or difference, 2 bad arguments or input, 3 timeout or transport failure',
  ].join('\n');

/** Runs one CLI command and returns its exit code; every command reads its own options. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`usp-console ${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    return topic ? topic.run(['--help']) : (process.stdout.write(`${usage()}\n`), EXIT.ok);
  }
  if (!name) {
    process.stderr.write(`${usage()}\n`);
    return EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    reporter(name).error(`unknown command (see usp-console --help)`);
    return EXIT.usage;
  }
  return command.run(rest);
}
