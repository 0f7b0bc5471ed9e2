import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Hand-written WebSocket pieces for tests that must behave like obuspa or like a broken
 * peer, which a real WebSocket library would not let us do.
 */

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function acceptKey(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

/** One frame; clients must mask, servers must not (RFC 6455 §5.3). */
export function frame(opcode: number, payload: Uint8Array, options: { fin?: boolean; mask?: boolean } = {}): Buffer {
  const fin = options.fin ?? true;
  const mask = options.mask ?? false;
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | opcode;
  head[1] = (mask ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) head.writeUInt16BE(length, 2);
  if (lengthBytes === 8) head.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (mask) {
    const key = randomBytes(4);
    key.copy(head, 2 + lengthBytes);
    for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i % 4] as number);
  }
  return Buffer.concat([head, body]);
}

/** A raw client connection after its upgrade: the response head and everything read since. */
export interface RawClient {
  socket: Socket;
  status: number;
  headers: Map<string, string>;
  /** Unparsed bytes received after the response head (server frames). */
  received: Buffer[];
}

/** Sends an upgrade request by hand and resolves with the server's response head. */
export function rawUpgrade(port: number, pathAndQuery: string, extraHeaders: Record<string, string> = {}): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const key = randomBytes(16).toString('base64');
    let buffered = Buffer.alloc(0);
    let done = false;
    const received: Buffer[] = [];
    socket.on('error', (error) => {
      if (!done) reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      if (done) {
        received.push(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      done = true;
      const [statusLine = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) received.push(rest);
      resolve({ socket, status: Number(statusLine.split(' ')[1]), headers, received });
    });
    const headers = {
      Host: `127.0.0.1:${port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '13',
      ...extraHeaders,
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    socket.write(`GET ${pathAndQuery} HTTP/1.1\r\n${head}\r\n\r\n`);
  });
}
