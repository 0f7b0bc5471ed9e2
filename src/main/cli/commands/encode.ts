import { toHex } from '../../usp/hex';
import { RecordJsonError, recordFromJson } from '../../usp/record-json';
import { CliInputError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { errorText, readInput, recordInputOptions } from './record-io';

export const encodeCommand = defineCommand({
  name: 'encode',
  summary: 'turn JSON (as printed by decode) back into a binary USP Record',
  synopsis: '[FILE|-] [--hex]',
  description: `Turns JSON in the shape "usp-console decode" prints back into a binary USP Record on
standard output, so a Record can be hand-crafted or edited. Fields left out take their
defaults; unknown fields, wrong types and unknown enum names are errors naming the field (exit 2).
"-" or no FILE reads standard input. With --hex the Record is printed as hex text.`,
  options: recordInputOptions,
  positionals: { max: 1, what: 'at most one FILE' },
  async run({ values, positionals }) {
    const text = (await readInput(positionals[0] ?? '-')).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CliInputError(`input is not valid JSON: ${withLineAndColumn(errorText(err), text)}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = recordFromJson(json);
    } catch (err) {
      if (err instanceof RecordJsonError) throw new CliInputError(err.message);
      throw err;
    }
    // The binary Record is the result itself; hex text is plain ASCII.
    process.stdout.write(values.hex === true ? `${toHex(bytes)}\n` : bytes);
    return EXIT.ok;
  },
});

/** JSON.parse reports a character position; technicians editing a file want line and column. */
function withLineAndColumn(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
