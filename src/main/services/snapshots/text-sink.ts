import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Buffers small strings into ~64 KiB writes and honours back-pressure, so exports stream in flat memory. */
export class TextSink {
  private buffer = '';
  private failure: Error | undefined;

  constructor(
    private readonly out: Writable,
    private readonly highWater = 64 * 1024,
  ) {
    // Keep a write error (disk full, EACCES) to rethrow from the next write instead of crashing the process.
    out.on('error', (err) => {
      this.failure ??= err;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer += text;
    if (this.buffer.length >= this.highWater) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}
