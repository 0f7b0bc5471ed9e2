import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TransportError } from '../../../src/main/mtp/transport';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport, type WsServerTransportOptions } from '../../../src/main/mtp/websocket/ws-server-transport';
import { freePort, waitForEvent, waitUntil } from '../../helpers';
import { acceptKey, rawUpgrade } from './raw-websocket';

// Issue 9 findings 3 (unfinished handshakes, connection caps) and 4 (back-pressure, keep-alive).
describe('WebSocket listener bounds', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const server = async (extra: Partial<WsServerTransportOptions> = {}): Promise<WsServerTransport> => {
    const t = new WsServerTransport({ id: 'ws-limits', host: '127.0.0.1', port: await freePort(), endpointId: 'self::usp-console', keepAliveIntervalMs: 0, ...extra });
    cleanups.push(() => t.stop());
    await t.start();
    return t;
  };

  /** A raw TCP connection; resolves once connected. */
  const tcp = (port: number): Promise<Socket & { gone: Promise<void>; isGone: () => boolean }> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      cleanups.push(() => socket.destroy());
      let closedFlag = false;
      const gone = new Promise<void>((done) => socket.once('close', () => ((closedFlag = true), done())));
      socket.on('error', () => undefined);
      socket.once('connect', () => resolve(Object.assign(socket, { gone, isGone: () => closedFlag })));
      socket.once('error', reject);
    });

  it('closes a connection that sends nothing, and one that stalls in the middle of its request, after the handshake timeout', async () => {
    const t = await server({ handshakeTimeoutMs: 200 });
    const warned = waitForEvent(t, 'warning', (w) => /no WebSocket upgrade within 200 ms/.test(w));
    const silent = await tcp(t.port);
    const stalled = await tcp(t.port);
    stalled.write('GET /usp HTTP/1.1\r\nHost: x\r\n');
    await silent.gone;
    await stalled.gone;
    await warned;
  });

  it('keeps an upgraded connection past the handshake timeout', async () => {
    const t = await server({ handshakeTimeoutMs: 200 });
    const opened = waitForEvent(t, 'peerOpened');
    const agent = new WebSocket(`ws://127.0.0.1:${t.port}/usp?eid=proto%3A%3Akept`, 'v1.usp');
    cleanups.push(() => agent.terminate());
    const [address] = await opened;
    // A connection opened after the agent's is closed by the timer; the agent's, older, must still be there.
    const late = await tcp(t.port);
    await late.gone;
    expect(await t.checkAlive(address, 2_000)).toBe(true);
  });

  it('closes a connection that sends a malformed HTTP request, with a warning (clientError)', async () => {
    const t = await server();
    const warned = waitForEvent(t, 'warning', (w) => /bad HTTP request/.test(w));
    const garbage = await tcp(t.port);
    garbage.write('\u0000\u0001 not HTTP at all\r\n\r\n');
    await garbage.gone;
    await warned;
  });

  it('caps the connections from one source address, and frees the slot when one closes', async () => {
    const t = await server({ maxConnectionsPerAddress: 3 });
    const held = [await tcp(t.port), await tcp(t.port), await tcp(t.port)];
    const warned = waitForEvent(t, 'warning', (w) => /limit 3 per address/.test(w));
    const refused = await tcp(t.port);
    await refused.gone;
    await warned;
    held[0]?.destroy();
    await held[0]?.gone;
    const opened = waitForEvent(t, 'peerOpened');
    const raw = await rawUpgrade(t.port, '/usp?eid=proto%3A%3Aafter', { 'Sec-WebSocket-Protocol': 'v1.usp' });
    cleanups.push(() => raw.socket.destroy());
    expect(raw.status).toBe(101);
    await opened;
    expect(held.slice(1).map((s) => s.isGone())).toEqual([false, false]);
  });

  it('caps the connections of the listener', async () => {
    const t = await server({ maxConnections: 2 });
    await tcp(t.port);
    await tcp(t.port);
    const warned = waitForEvent(t, 'warning', (w) => /limit 2\)/.test(w));
    const refused = await tcp(t.port);
    await refused.gone;
    await warned;
  });

  it('closes a peer that does not read once its send buffer passes the bound, instead of buffering without limit', async () => {
    const t = await server({ maxBufferedBytes: 1024 * 1024 });
    const opened = waitForEvent(t, 'peerOpened');
    const raw = await rawUpgrade(t.port, '/usp?eid=proto%3A%3Aslow-reader', { 'Sec-WebSocket-Protocol': 'v1.usp' });
    cleanups.push(() => raw.socket.destroy());
    raw.socket.pause();
    const [address] = await opened;
    let closeReason: string | undefined;
    t.on('peerClosed', (_a, reason) => (closeReason = reason));
    const chunk = new Uint8Array(256 * 1024);
    let failure: unknown;
    // Each send() checks the buffer before queueing, so the loop stops at the first refusal.
    for (let i = 0; i < 2_000 && closeReason === undefined; i++) {
      t.send(address, chunk).catch((error: unknown) => (failure ??= error));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(closeReason).toMatch(/send buffer full: \d+ bytes queued, limit 1048576/);
    await waitUntil(() => failure !== undefined, 'the refused send to reject');
    expect(failure).toBeInstanceOf(TransportError);
    await expect(t.send(address, chunk)).rejects.toThrow(/no open WebSocket connection/);
  });

  it('client: drops a session to a server that does not read once its send buffer passes the bound', async () => {
    // A server that completes the upgrade by hand and then never reads.
    const sockets: Socket[] = [];
    const http = createServer();
    http.on('upgrade', (request: IncomingMessage, socket: Socket) => {
      sockets.push(socket);
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(String(request.headers['sec-websocket-key']))}\r\nSec-WebSocket-Protocol: v1.usp\r\n\r\n`,
      );
      socket.pause();
    });
    const port = await freePort();
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), http.close(() => resolve()))));
    const client = new WsClientTransport({ id: 'ws-client', url: `ws://127.0.0.1:${port}/usp`, endpointId: 'self::usp-console', keepAliveIntervalMs: 0, maxBufferedBytes: 1024 * 1024, reconnect: { initialDelayMs: 60_000 } });
    cleanups.push(() => client.stop());
    await client.start();
    const warned = waitForEvent(client, 'warning', (w) => /send buffer full/.test(w));
    const down = waitForEvent(client, 'link', (state) => state === 'down');
    const chunk = new Uint8Array(256 * 1024);
    let failure: unknown;
    for (let i = 0; i < 2_000 && failure === undefined; i++) {
      client.send(client.peerAddress, chunk).catch((error: unknown) => (failure ??= error));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as Error).message).toMatch(/send buffer full/);
    await warned;
    await down;
  });

  it('judges a peer dead when it stops answering Pings, even while it keeps sending Records', async () => {
    const t = await server({ keepAliveIntervalMs: 50, maxMissedPongs: 1 });
    const opened = waitForEvent(t, 'peerOpened');
    const chatty = new WebSocket(`ws://127.0.0.1:${t.port}/usp?eid=proto%3A%3Achatty`, 'v1.usp', { autoPong: false });
    cleanups.push(() => chatty.terminate());
    const [address] = await opened;
    const closed = waitForEvent(t, 'peerClosed', (a) => a.target === address.target);
    const timer = setInterval(() => chatty.readyState === chatty.OPEN && chatty.send(Buffer.from([0x0a, 0x00])), 10);
    cleanups.push(() => clearInterval(timer));
    const [, reason] = await closed;
    expect(reason).toMatch(/dead peer: 2 pings unanswered/);
  });
});
