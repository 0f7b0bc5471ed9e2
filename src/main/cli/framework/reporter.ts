import { escapeTerminal, escapeTerminalLines, terminalJson } from './terminal-text';

/**
 * The one way a command writes: JSON or text results on stdout, human messages on stderr as
 * `usp-console COMMAND: …` lines; everything escaped for the terminal.
 */
export interface Reporter {
  /** One line on stderr (newlines inside the message are folded: one failure, one line). */
  error(message: string): void;
  warn(message: string): void;
  /** Progress and status notes on stderr (not results). */
  note(message: string): void;
  /** A result as indented JSON on stdout. */
  json(value: unknown): void;
  /** A result as one compact JSON line on stdout (streams such as watch). */
  jsonLine(value: unknown): void;
  /** Human-readable result text on stdout (tables, reports). */
  text(text: string): void;
}

const oneLine = (text: string): string => escapeTerminal(text.replace(/\s*\n\s*/g, ' '));

export function reporter(command: string): Reporter {
  const prefix = `usp-console ${escapeTerminal(command)}: `;
  return {
    error: (message) => void process.stderr.write(`${prefix}${oneLine(message)}\n`),
    warn: (message) => void process.stderr.write(`${prefix}warning: ${oneLine(message)}\n`),
    note: (message) => void process.stderr.write(`${prefix}${oneLine(message)}\n`),
    json: (value) => void process.stdout.write(`${terminalJson(value)}\n`),
    jsonLine: (value) => void process.stdout.write(`${terminalJson(value, 0)}\n`),
    text: (text) => void process.stdout.write(escapeTerminalLines(text.endsWith('\n') ? text : `${text}\n`)),
  };
}
