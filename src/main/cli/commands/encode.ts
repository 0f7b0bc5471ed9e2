import type { CliCommand } from '../command';
import { toHex } from '../../usp/hex';
import { RecordJsonError, recordFromJson } from '../../usp/record-json';
import { errorText, fail, readRecordCommandInput } from './record-io';

const USAGE = `usage: usp-console encode [FILE|-] [--hex]

Turns JSON in the shape "usp-console decode" prints back into a binary USP Record on
standard output, so a Record can be hand-crafted or edited. Fields left out take their
defaults; unknown fields, wrong types and unknown enum names are errors naming the field.
"-" or no FILE reads standard input. With --hex the Record is printed as hex text.`;

export const encodeCommand: CliCommand = {
  name: 'encode',
  summary: 'turn JSON (as printed by decode) back into a binary USP Record',
  async run(argv) {
    const read = await readRecordCommandInput('encode', USAGE, argv);
    if (typeof read === 'number') return read;
    const text = read.input.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return fail('encode', `input is not valid JSON: ${withLineAndColumn(errorText(err), text)}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = recordFromJson(json);
    } catch (err) {
      if (err instanceof RecordJsonError) return fail('encode', err.message);
      throw err;
    }
    process.stdout.write(read.hex ? `${toHex(bytes)}\n` : bytes);
    return 0;
  },
};

/** JSON.parse reports a character position; technicians editing a file want line and column. */
function withLineAndColumn(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
