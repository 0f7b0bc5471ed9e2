import { UspDecodeError } from '../../usp/codec';
import { HexParseError, parseHex } from '../../usp/hex';
import { recordToJson } from '../../usp/record-json';
import { CliInputError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { readInput, recordInputOptions } from './record-io';

export const decodeCommand = defineCommand({
  name: 'decode',
  summary: 'print one USP Record (binary or --hex) as JSON',
  synopsis: '[FILE|-] [--hex]',
  description: `Decodes one USP Record and prints it as JSON: every Record field, the Msg inside decoded
(header and body), enums by name, bytes as hex. FILE holds the binary Record (as carried by
an MTP); "-" or no FILE reads standard input. The output can be edited and turned back into a
Record with "usp-console encode". Input that is not a Record exits 2.`,
  options: recordInputOptions,
  positionals: { max: 1, what: 'at most one FILE' },
  async run({ values, positionals, report }) {
    const input = await readInput(positionals[0] ?? '-');
    let bytes: Uint8Array = input;
    if (values.hex === true) {
      try {
        bytes = parseHex(input.toString('utf8'));
      } catch (err) {
        if (err instanceof HexParseError) throw new CliInputError(`input is not hex: ${err.message}`);
        throw err;
      }
    }
    try {
      report.json(recordToJson(bytes));
    } catch (err) {
      if (err instanceof UspDecodeError) throw new CliInputError(`not a valid USP Record (${err.kind}): ${err.message}`);
      throw err;
    }
    return EXIT.ok;
  },
});
