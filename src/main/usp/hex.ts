/** Lowercase hex of a byte string, no separators. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return out;
}

export class HexParseError extends Error {
  /** Character position in the text (after any "0x" prefix was skipped). */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'HexParseError';
    this.position = position;
  }
}

/**
 * Bytes from hex text. Whitespace (including newlines, as in a pasted dump) is ignored; anything
 * else that is not a hex digit is an error naming its position.
 */
export function parseHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >>> 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    const digit = hexDigit(c);
    if (digit < 0) throw new HexParseError(`"${text[i]}" at position ${i} is not a hex digit`, i);
    if (high < 0) high = digit;
    else {
      out[n++] = high * 16 + digit;
      high = -1;
    }
  }
  if (high >= 0) throw new HexParseError('odd number of hex digits: the last byte is incomplete', text.length);
  return out.subarray(0, n);
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
