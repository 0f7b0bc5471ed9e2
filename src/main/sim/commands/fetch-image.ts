import { createHash } from 'node:crypto';

/** A simulated agent never reads more than this, whatever FileSize says. */
export const MAX_IMAGE_BYTES = 256 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 30_000;

const HASHES: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-224': 'sha224', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/**
 * Fetches a firmware image over http(s) as Download() would, without keeping it: the body is
 * counted and hashed as it streams. Checks FileSize and CheckSum when they are given.
 * Returns null when the image is good, else why it is not (FaultString).
 */
export async function fetchImage(input: Record<string, string>, signal: AbortSignal): Promise<string | null> {
  const url = input.URL ?? '';
  const headers: Record<string, string> = {};
  if (input.Username) headers.authorization = `Basic ${Buffer.from(`${input.Username}:${input.Password ?? ''}`).toString('base64')}`;
  const expectedSize = input.FileSize ? Number(input.FileSize) : null;
  const limit = Math.min(expectedSize ?? MAX_IMAGE_BYTES, MAX_IMAGE_BYTES);
  const algorithm = input.CheckSum ? HASHES[input.CheckSumAlgorithm ?? 'SHA-256'] : undefined;
  const hash = algorithm ? createHash(algorithm) : null;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]), redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      return `HTTP ${response.status} from ${url}`;
    }
    let size = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > limit) {
        await reader?.cancel();
        return expectedSize !== null ? `the file is larger than FileSize ${expectedSize}` : `the file is larger than ${MAX_IMAGE_BYTES} bytes`;
      }
      hash?.update(chunk.value);
    }
    if (expectedSize !== null && size !== expectedSize) return `the file has ${size} bytes, FileSize says ${expectedSize}`;
    if (hash && hash.digest('hex') !== (input.CheckSum ?? '').toLowerCase()) return `${input.CheckSumAlgorithm ?? 'SHA-256'} checksum mismatch`;
    return null;
  } catch (error) {
    if (signal.aborted) return 'download interrupted';
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return `cannot fetch ${url}: ${cause ?? (error as Error).message}`;
  }
}
