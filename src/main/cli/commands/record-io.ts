import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/** Reads a whole file, or standard input when the name is "-". */
export async function readInput(source: string): Promise<Buffer> {
  if (source !== '-') return readFile(source);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Prints one line on stderr (bad input must never produce a stack trace) and returns the exit code. */
export function fail(command: string, message: string, code = 1): number {
  process.stderr.write(`usp-console ${command}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return code;
}

/** Human-readable text of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What decode and encode both take: `[FILE|-] [--hex]`, with the whole input already read. */
export interface RecordCommandInput {
  hex: boolean;
  input: Buffer;
}

/**
 * The argument handling decode and encode share: parses `[FILE|-] [--hex] [--help]` and reads
 * FILE (or standard input). Returns the exit code instead when the command is already done
 * (help printed, or the error reported on stderr).
 */
export async function readRecordCommandInput(command: string, usage: string, argv: string[]): Promise<RecordCommandInput | number> {
  let args: ReturnType<typeof parseRecordCommandArgs>;
  try {
    args = parseRecordCommandArgs(argv);
  } catch (err) {
    return fail(command, `${errorText(err)} (see usp-console ${command} --help)`, 2);
  }
  if (args.values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (args.positionals.length > 1) return fail(command, `expects at most one FILE (see usp-console ${command} --help)`, 2);
  const source = args.positionals[0] ?? '-';
  try {
    return { hex: args.values.hex === true, input: await readInput(source) };
  } catch (err) {
    return fail(command, `cannot read ${source === '-' ? 'standard input' : source}: ${errorText(err)}`);
  }
}

function parseRecordCommandArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { hex: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
}
