import { commands } from './commands';

const usage = (): string =>
  ['usage: usp-console <command> [options]', '', 'commands:', ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`)].join('\n');

/** Runs one CLI command and returns its exit code; every command reads its own options. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`usp-console: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}
