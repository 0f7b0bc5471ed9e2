import { readFile } from 'node:fs/promises';

/** Reads a whole file, or standard input when the name is "-". */
export async function readInput(source: string): Promise<Buffer> {
  if (source !== '-') return readFile(source);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Prints one line on stderr (bad input must never produce a stack trace) and returns the exit code. */
export function fail(command: string, message: string, code = 1): number {
  process.stderr.write(`usp-console ${command}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return code;
}

/** Human-readable text of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
