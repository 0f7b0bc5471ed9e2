import { writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { encodeFrame, TLV } from '../../../src/main/mtp/uds/uds-framing';
import { UdsServerTransport, type UdsServerTransportOptions } from '../../../src/main/mtp/uds/uds-server-transport';
import { TransportError } from '../../../src/main/mtp/transport';
import { collectEvents, tempDir, waitForEvent, waitUntil } from '../../helpers';

/** The handshake frame of `os::00256D-0123456789`: `_USP`, length 26, TLV type 1 of 21 bytes. */
const EXAMPLE_HANDSHAKE = Buffer.concat([
  Buffer.from([0x5f, 0x55, 0x53, 0x50, 0x00, 0x00, 0x00, 0x1a, 0x01, 0x00, 0x00, 0x00, 0x15]),
  Buffer.from('os::00256D-0123456789', 'ascii'),
]);

describe('UDS binding details (R-UDS.*)', () => {
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  beforeEach(async () => {
    dir = await tempDir('usp-uds-');
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const server = async (extra: Partial<UdsServerTransportOptions> = {}): Promise<UdsServerTransport> => {
    const t = new UdsServerTransport({ id: 'uds-server', path: join(dir, 'ctrl.sock'), endpointId: 'self::usp-console', ...extra });
    cleanups.push(() => t.stop());
    await t.start();
    return t;
  };
  /** A raw client socket and everything it has received. */
  const raw = async (path: string): Promise<{ socket: Socket; received: () => Buffer; ended: Promise<void> }> => {
    const socket = connect(path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    cleanups.push(() => socket.destroy());
    return { socket, received: () => Buffer.concat(chunks), ended };
  };

  it('frames a handshake exactly like the spec example', () => {
    expect(encodeFrame([{ type: TLV.handshake, value: Buffer.from('os::00256D-0123456789') }]).equals(EXAMPLE_HANDSHAKE)).toBe(true);
  });

  it('answers a client handshake with its own and then carries Records (R-UDS.16/17)', async () => {
    const t = await server();
    const opened = waitForEvent(t, 'peerOpened');
    const client = await raw(join(dir, 'ctrl.sock'));
    client.socket.write(EXAMPLE_HANDSHAKE);
    const [address, endpointId] = await opened;
    expect(endpointId).toBe('os::00256D-0123456789');
    await expect.poll(() => client.received().length).toBeGreaterThan(0);
    expect(client.received().equals(encodeFrame([{ type: TLV.handshake, value: Buffer.from('self::usp-console') }]))).toBe(true);

    const got = waitForEvent(t, 'record');
    client.socket.write(encodeFrame([{ type: 9, value: Buffer.from('unknown TLVs are ignored (R-UDS.15)') }, { type: TLV.record, value: Buffer.from([0, 1, 0]) }]));
    const [record] = await got;
    expect([...record.bytes]).toEqual([0, 1, 0]);
    expect(record.replyTo).toEqual(address);
    expect(record.peerEndpointId).toBe('os::00256D-0123456789');
  });

  it('ignores Records sent before the handshake (R-UDS.20)', async () => {
    const t = await server();
    const records = collectEvents(t, 'record');
    const client = await raw(join(dir, 'ctrl.sock'));
    const warned = waitForEvent(t, 'warning');
    client.socket.write(encodeFrame([{ type: TLV.record, value: Buffer.from([1]) }]));
    expect((await warned)[0]).toContain('before the handshake');
    const opened = waitForEvent(t, 'peerOpened');
    client.socket.write(EXAMPLE_HANDSHAKE);
    await opened;
    const got = waitForEvent(t, 'record');
    client.socket.write(encodeFrame([{ type: TLV.record, value: Buffer.from([2]) }]));
    await got;
    expect(records.events.map(([r]) => [...r.bytes])).toEqual([[2]]);
  });

  it('answers an unparseable frame with a TLV 2 and closes (R-UDS.24)', async () => {
    const t = await server();
    const client = await raw(join(dir, 'ctrl.sock'));
    client.socket.write(EXAMPLE_HANDSHAKE);
    await waitForEvent(t, 'peerOpened');
    const closed = waitForEvent(t, 'peerClosed');
    client.socket.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    const [, reason] = await closed;
    expect(reason).toContain('unparseable frame');
    await client.ended;
    const bytes = client.received();
    const errorFrame = bytes.subarray(bytes.indexOf('_USP', 4));
    expect(errorFrame[8]).toBe(TLV.error);
  });

  it('closes when the peer sends a TLV 2 (R-UDS.25)', async () => {
    const t = await server();
    const client = await raw(join(dir, 'ctrl.sock'));
    client.socket.write(EXAMPLE_HANDSHAKE);
    await waitForEvent(t, 'peerOpened');
    const closed = waitForEvent(t, 'peerClosed');
    client.socket.write(encodeFrame([{ type: TLV.error, value: Buffer.from('bad thing') }]));
    expect((await closed)[1]).toBe('peer reported an error: bad thing');
  });

  it('checks the obuspa password TLV when required', async () => {
    const t = await server({ requiredPassword: 'open sesame' });
    const path = join(dir, 'ctrl.sock');
    const wrong = new UdsClientTransport({ id: 'wrong', path, endpointId: 'os::a', password: 'nope' });
    cleanups.push(() => wrong.stop());
    const warned = waitForEvent(t, 'warning');
    await expect(wrong.start()).rejects.toThrow('peer reported an error: authentication failed');
    expect((await warned)[0]).toContain('password');
    const right = new UdsClientTransport({ id: 'right', path, endpointId: 'os::a', password: 'open sesame' });
    cleanups.push(() => right.stop());
    await right.start();
    expect(right.peerEndpointId).toBe('self::usp-console');
  });

  it('client gives up on a server that never answers its handshake (R-UDS.18)', async () => {
    const path = join(dir, 'mute.sock');
    const sockets: Socket[] = [];
    const mute = createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => mute.listen(path, resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      mute.close(() => resolve());
    }));
    const client = new UdsClientTransport({ id: 'c', path, endpointId: 'os::a', handshakeTimeoutMs: 100 });
    cleanups.push(() => client.stop());
    await expect(client.start()).rejects.toThrow('no handshake from the server within 100 ms');
  });

  it('refuses to take over a socket path another server listens on, and replaces a stale file', async () => {
    // A leftover file with nobody listening (e.g. after a crash) must not block the start.
    await writeFile(join(dir, 'ctrl.sock'), '');
    const first = await server();
    expect(first.linkState).toBe('up');
    const second = new UdsServerTransport({ id: 'second', path: join(dir, 'ctrl.sock'), endpointId: 'x' });
    await expect(second.start()).rejects.toThrow('already listening');
  });

  /** Sends 256 KiB Records until one is refused (each send checks the buffer before queueing). */
  const flood = async (send: (chunk: Uint8Array) => Promise<void>, stop: () => boolean): Promise<unknown> => {
    const chunk = new Uint8Array(256 * 1024);
    let failure: unknown;
    for (let i = 0; i < 2_000 && failure === undefined && !stop(); i++) {
      send(chunk).catch((error: unknown) => (failure ??= error));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await waitUntil(() => failure !== undefined, 'a send to be refused');
    return failure;
  };

  it('server: closes a peer that does not read once its send buffer passes the bound (as WebSocket does)', async () => {
    const t = await server({ maxBufferedBytes: 1024 * 1024 });
    const opened = waitForEvent(t, 'peerOpened');
    const client = await raw(join(dir, 'ctrl.sock'));
    client.socket.write(EXAMPLE_HANDSHAKE);
    const [address] = await opened;
    client.socket.pause();
    let closeReason: string | undefined;
    t.on('peerClosed', (_a, reason) => (closeReason = reason));
    const warned = waitForEvent(t, 'warning', (w) => /send buffer full/.test(w));
    const failure = await flood((chunk) => t.send(address, chunk), () => closeReason !== undefined);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as Error).message).toMatch(/send buffer full: \d+ bytes queued, limit 1048576 \(the peer does not read\)/);
    expect((await warned)[0]).toMatch(/^closed the UDS connection of os::00256D-0123456789: send buffer full/);
    await waitUntil(() => closeReason !== undefined, 'the connection to close');
    expect(closeReason).toMatch(/send buffer full/);
    await expect(t.send(address, new Uint8Array(1))).rejects.toThrow(/no open UDS connection/);
  });

  it('client: drops the connection to a server that does not read once its send buffer passes the bound', async () => {
    const path = join(dir, 'deaf.sock');
    const sockets: Socket[] = [];
    // Answers the handshake, then never reads again.
    const deaf = createServer((s) => {
      sockets.push(s);
      s.once('data', () => {
        s.pause();
        s.write(encodeFrame([{ type: TLV.handshake, value: Buffer.from('self::deaf') }]));
      });
    });
    await new Promise<void>((resolve) => deaf.listen(path, resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      deaf.close(() => resolve());
    }));
    const client = new UdsClientTransport({ id: 'c', path, endpointId: 'os::a', maxBufferedBytes: 1024 * 1024, reconnect: { initialDelayMs: 60_000 } });
    cleanups.push(() => client.stop());
    await client.start();
    const down = waitForEvent(client, 'link', (state) => state === 'down');
    const failure = await flood((chunk) => client.send(client.peerAddress, chunk), () => false);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as Error).message).toMatch(/send buffer full/);
    await down;
  });
});
