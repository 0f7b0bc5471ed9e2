/**
 * Text from agents and files (Endpoint IDs, labels, values, error messages) must never reach a
 * terminal raw: an escape sequence in an Endpoint ID could rewrite the screen or the title
 * (issue 9 §8/§9). C0/C1 controls, DEL and the bidirectional overrides are shown as escapes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of human text, safe for a terminal: controls become visible `\xNN` escapes. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Like escapeTerminal, but keeps line breaks (multi-line reports and tables). */
export function escapeTerminalLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

/** What JSON.stringify leaves raw although a terminal acts on it: DEL, C1 (0x9b is a CSI), bidi overrides. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for stdout: JSON.stringify escapes C0 controls inside strings; the rest of UNSAFE becomes
 * \uXXXX escapes too, so the output is still the same JSON value. `indent` 0 gives one line.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
