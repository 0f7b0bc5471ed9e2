// Character-level lexer shared by the path and expression parsers. The path grammar is
// context-sensitive (a `.` separates names outside `[...]` but is part of an unquoted
// constant such as `1.5` inside), so the parsers pull tokens from this scanner as they go.

/** Thrown inside the parsers only; parsePath turns it into a PathError result. */
export class PathSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
    readonly expected: string,
  ) {
    super(reason);
  }
}

const NAME_START = /[A-Za-z_]/;
// TR-106 vendor-specific names carry a domain with dots replaced by hyphens
// (`X_EXAMPLE-COM_Param`), so `-` is accepted after the first character.
const NAME_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;
// Unquoted constants are non-string values in TR-106 lexical form: integers, decimals,
// booleans, dateTime (`2021-06-06T08:00:00Z`), hexBinary and base64 (`+`, `/`, `=`).
const UNQUOTED_VALUE = /[A-Za-z0-9_.:+\-/=]/;

export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  advance(count = 1): void {
    this.pos += count;
  }

  fail(reason: string, expected: string, position = this.pos): never {
    throw new PathSyntaxError(position, reason, expected);
  }

  /** Fails at the current position, naming the character found there. */
  unexpected(expected: string): never {
    if (this.atEnd()) this.fail('path ends too early', expected);
    const found = this.peek();
    const shown = found === ' ' ? 'a space' : `"${found}"`;
    this.fail(`unexpected ${shown}`, expected);
  }

  isNameStart(): boolean {
    return NAME_START.test(this.peek());
  }

  isDigit(): boolean {
    return DIGIT.test(this.peek());
  }

  readName(expected: string): { name: string; position: number } {
    const position = this.pos;
    if (!this.isNameStart()) {
      if (this.isDigit()) this.fail('a name cannot start with a digit', expected);
      this.unexpected(expected);
    }
    while (!this.atEnd() && NAME_PART.test(this.peek())) this.pos++;
    return { name: this.text.slice(position, this.pos), position };
  }

  /** POSNUM = [1-9][0-9]* (instance numbers and `#N` list indexes are never 0, R-ARC.8). */
  readPositiveNumber(what: string): number {
    const position = this.pos;
    if (!this.isDigit()) this.unexpected(`${what} (1, 2, ...)`);
    while (this.isDigit()) this.pos++;
    const digits = this.text.slice(position, this.pos);
    if (digits.startsWith('0')) {
      this.fail(`${what} must be a positive number without leading zeros`, `${what} (1, 2, ...)`, position);
    }
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) this.fail(`${what} is too large`, `${what} (1, 2, ...)`, position);
    return value;
  }

  readUnquotedValue(): string {
    const start = this.pos;
    while (!this.atEnd() && UNQUOTED_VALUE.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Skips spaces; returns whether any were skipped. */
  skipSpaces(): boolean {
    const start = this.pos;
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
    return this.pos > start;
  }
}
