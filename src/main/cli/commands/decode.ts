import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UspDecodeError } from '../../usp/codec';
import { HexParseError, parseHex } from '../../usp/hex';
import { recordToJson } from '../../usp/record-json';
import { errorText, fail, readInput } from './record-io';

const USAGE = `usage: usp-console decode [FILE|-] [--hex]

Decodes one USP Record and prints it as JSON: every Record field, the Msg inside decoded
(header and body), enums by name, bytes as hex. FILE holds the binary Record (as carried by
an MTP); "-" or no FILE reads standard input. With --hex the input is hex text instead
(whitespace and newlines are ignored). The output can be edited and turned back into a
Record with "usp-console encode".`;

export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: 'print one USP Record (binary or --hex) as JSON',
  async run(argv) {
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      return fail('decode', `${errorText(err)} (see usp-console decode --help)`, 2);
    }
    if (args.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positionals.length > 1) return fail('decode', 'expects at most one FILE (see usp-console decode --help)', 2);
    const source = args.positionals[0] ?? '-';
    let input: Buffer;
    try {
      input = await readInput(source);
    } catch (err) {
      return fail('decode', `cannot read ${source === '-' ? 'standard input' : source}: ${errorText(err)}`);
    }
    let bytes: Uint8Array = input;
    if (args.values.hex) {
      try {
        bytes = parseHex(input.toString('utf8'));
      } catch (err) {
        if (err instanceof HexParseError) return fail('decode', `input is not hex: ${err.message}`);
        throw err;
      }
    }
    try {
      process.stdout.write(`${JSON.stringify(recordToJson(bytes), null, 2)}\n`);
    } catch (err) {
      if (err instanceof UspDecodeError) return fail('decode', `not a valid USP Record (${err.kind}): ${err.message}`);
      throw err;
    }
    return 0;
  },
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { hex: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
}
