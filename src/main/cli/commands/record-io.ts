import { readFile } from 'node:fs/promises';
import { CliInputError } from '../framework/cli-errors';

/**
 * Reads a whole file, or standard input when the name is "-". A file that cannot be read is
 * CliInputError (exit 2), the same in every command.
 */
export async function readInput(source: string): Promise<Buffer> {
  try {
    if (source !== '-') return await readFile(source);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks);
  } catch (error) {
    throw new CliInputError(`cannot read ${source === '-' ? 'standard input' : source}: ${errorText(error)}`);
  }
}

/** Human-readable text of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The flags decode and encode share. */
export const recordInputOptions = {
  hex: { type: 'boolean', help: 'hex text instead of binary (whitespace and newlines are ignored on input)' },
} as const;
