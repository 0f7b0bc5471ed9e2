import type { CliCommand } from '../command';
import { UspDecodeError } from '../../usp/codec';
import { HexParseError, parseHex } from '../../usp/hex';
import { recordToJson } from '../../usp/record-json';
import { fail, readRecordCommandInput } from './record-io';

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
    const read = await readRecordCommandInput('decode', USAGE, argv);
    if (typeof read === 'number') return read;
    const { hex, input } = read;
    let bytes: Uint8Array = input;
    if (hex) {
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
