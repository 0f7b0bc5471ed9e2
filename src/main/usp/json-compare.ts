export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Record that cannot be encoded; `path` is the JSON path of the offending field ("" = the whole Record). */
export class RecordJsonError extends Error {
  readonly path: string;

  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`${path || 'the Record'} ${problem}`, options);
    this.name = 'RecordJsonError';
    this.path = path;
  }
}

/**
 * Checks that everything the user wrote survived encoding: each field of `input` must appear in
 * `output` (the encoded bytes decoded again) with the same value. protobufjs's fromObject
 * silently drops unknown fields and coerces bad values, so this comparison is what turns those
 * into errors that name the field. Fields left out of the input take defaults and are not checked.
 */
export function compareJson(input: unknown, output: unknown, path: string): void {
  if (input === null || input === undefined) return;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) throw new RecordJsonError(path, `must be ${kindOf(output)}, not a list`);
    input.forEach((value, i) => compareJson(value, output[i], `${path}[${i}]`));
    return;
  }
  if (typeof input === 'object') {
    if (output === null || typeof output !== 'object' || Array.isArray(output)) {
      throw new RecordJsonError(path, `must be ${kindOf(output)}, not a JSON object`);
    }
    const out = output as Record<string, unknown>;
    for (const [key, value] of Object.entries(input)) {
      const at = path ? `${path}.${key}` : key;
      if (!Object.prototype.hasOwnProperty.call(out, key)) {
        if (value === null) continue;
        throw new RecordJsonError(at, 'is not a field here (check the spelling), or another member of the same oneof is also set');
      }
      compareJson(value, out[key], at);
    }
    return;
  }
  if (input === output) return;
  throw new RecordJsonError(path, mismatch(input, output));
}

function mismatch(input: unknown, output: unknown): string {
  const given = JSON.stringify(input);
  if (typeof output === 'string') {
    if (typeof input === 'string') return `has ${given}, which is not valid here (it would encode as ${JSON.stringify(output)}); enum fields take one of the names decode prints`;
    return `must be a string${/^[A-Z][A-Z0-9_]*$/.test(output) ? ` (an enum name such as ${JSON.stringify(output)})` : ''}, not ${given}`;
  }
  if (typeof output === 'number') {
    if (typeof input === 'number') return `has ${given}, which is out of range for this field (it would encode as ${output})`;
    return `must be a number, not ${given}`;
  }
  if (typeof output === 'boolean') return `must be true or false, not ${given}`;
  return `must be ${kindOf(output)}, not ${given}`;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'left out';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a JSON object';
  return `a ${typeof value}`;
}
