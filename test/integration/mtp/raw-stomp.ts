import { connect, type Socket } from 'node:net';

/** One parsed STOMP frame with its headers in wire order. */
export interface StompFrame {
  command: string;
  headers: [string, string][];
  body: Buffer;
}

export function header(frame: StompFrame, name: string): string | undefined {
  return frame.headers.find(([k]) => k === name)?.[1];
}

/** Serialises a frame by hand (header values taken as given, no escaping). */
export function encodeFrame(command: string, headers: [string, string][], body: Uint8Array = new Uint8Array()): Buffer {
  const head = `${command}\n${headers.map(([k, v]) => `${k}:${v}`).join('\n')}\n\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(body), Buffer.from([0])]);
}

/**
 * Incremental STOMP frame reader for a raw socket: bodies are read by content-length
 * when present (so 0x00 bytes inside survive), else up to the NUL; heart-beat EOLs skipped.
 */
export class StompFrameReader {
  private buffer = Buffer.alloc(0);
  private readonly frames: StompFrame[] = [];
  private waiters: ((f: StompFrame) => void)[] = [];

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  /** The next frame (waits for it). */
  next(timeoutMs = 10_000): Promise<StompFrame> {
    const ready = this.frames.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no STOMP frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((f) => {
        clearTimeout(timer);
        resolve(f);
      });
    });
  }

  private drain(): void {
    for (;;) {
      while (this.buffer.length > 0 && (this.buffer[0] === 0x0a || this.buffer[0] === 0x0d)) this.buffer = this.buffer.subarray(1);
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const lines = this.buffer.subarray(0, end).toString('utf8').split('\n');
      const command = lines.shift() ?? '';
      const headers = lines.map((l): [string, string] => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]);
      const lengthText = headers.find(([k]) => k === 'content-length')?.[1];
      const bodyStart = end + 2;
      let bodyEnd: number;
      if (lengthText !== undefined) bodyEnd = bodyStart + Number(lengthText);
      else {
        bodyEnd = this.buffer.indexOf(0, bodyStart);
        if (bodyEnd < 0) return;
      }
      if (this.buffer.length < bodyEnd + 1) return;
      const frame = { command, headers, body: Buffer.from(this.buffer.subarray(bodyStart, bodyEnd)) };
      this.buffer = this.buffer.subarray(bodyEnd + 1);
      const waiter = this.waiters.shift();
      if (waiter !== undefined) waiter(frame);
      else this.frames.push(frame);
    }
  }
}

/** A hand-driven STOMP 1.2 session against a real server (e.g. to send exactly what obuspa sends). */
export async function rawStompSession(port: number, login: string, passcode: string): Promise<{ socket: Socket; reader: StompFrameReader }> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const reader = new StompFrameReader(socket);
  socket.write(encodeFrame('STOMP', [['accept-version', '1.2'], ['host', '/'], ['login', login], ['passcode', passcode]]));
  const connected = await reader.next();
  if (connected.command !== 'CONNECTED') throw new Error(`raw STOMP session got ${connected.command}: ${connected.body.toString()}`);
  return { socket, reader };
}
