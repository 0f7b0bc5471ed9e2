// String constants in search expressions are quoted and may not contain a raw `"`: it is
// written `%22`, and therefore a literal `%` is written `%25`.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `"` + percent-encode(`%`, `"`) + `"`: a string constant for a search expression. */
export function encodeLiteral(value: string): string {
  return `"${value.replace(/%/g, '%25').replace(/"/g, '%22')}"`;
}

/** Percent-decodes a literal's contents (without the quotes); a `%` not followed by two hex digits stays. */
export function decodeLiteral(content: string): string {
  if (!content.includes('%')) return content;
  const bytes: number[] = [];
  for (let i = 0; i < content.length; ) {
    const escape = content.slice(i + 1, i + 3);
    if (content[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(escape)) {
      bytes.push(parseInt(escape, 16));
      i += 3;
      continue;
    }
    const codePoint = content.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    bytes.push(...encoder.encode(char));
    i += char.length;
  }
  return decoder.decode(new Uint8Array(bytes));
}
