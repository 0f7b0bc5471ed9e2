import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WsClientTransport, type WsClientTransportOptions } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport, type WsServerTransportOptions } from '../../../src/main/mtp/websocket/ws-server-transport';
import { freePort, makeSelfSignedCert, tempDir, waitForEvent, waitUntil } from '../../helpers';
import { acceptKey, frame, OPCODE, rawUpgrade } from './raw-websocket';

const FIXTURES = join(import.meta.dirname, '../../fixtures/obuspa-11.0.4');

describe('WebSocket binding details (R-WS.*, the obuspa captures)', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const server = async (extra: Partial<WsServerTransportOptions> = {}): Promise<WsServerTransport> => {
    const t = new WsServerTransport({ id: 'ws-server', host: '127.0.0.1', port: await freePort(), endpointId: 'self::usp-console', ...extra });
    cleanups.push(() => t.stop());
    await t.start();
    return t;
  };
  const client = (options: Partial<WsClientTransportOptions> & { url: string }): WsClientTransport => {
    const t = new WsClientTransport({ id: 'ws-client', endpointId: 'self::usp-console', reconnect: { initialDelayMs: 50 }, ...options });
    cleanups.push(() => t.stop());
    return t;
  };

  /** A bare HTTP server that answers every upgrade the way obuspa's WebSocket server does (wsclient_side_handshake_response.txt). */
  const obuspaLikeServer = async (
    extensionsHeader: string | undefined,
    protocol = 'v1.usp',
  ): Promise<{ port: number; requests: IncomingMessage[]; sockets: Socket[] }> => {
    const requests: IncomingMessage[] = [];
    const sockets: Socket[] = [];
    const http: Server = createServer();
    http.on('upgrade', (request: IncomingMessage, socket: Socket) => {
      requests.push(request);
      sockets.push(socket);
      const lines = [
        'HTTP/1.1 101 Switching Protocols',
        'Upgrade: WebSocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Accept: ${acceptKey(String(request.headers['sec-websocket-key']))}`,
        `Sec-WebSocket-Protocol: ${protocol}`,
      ];
      if (extensionsHeader !== undefined) lines.push(`sec-websocket-extensions: ${extensionsHeader}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          http.close(() => resolve());
        }),
    );
    return { port, requests, sockets };
  };

  describe('client', () => {
    it('accepts a 101 that carries the bbf-usp-protocol extension unasked, and learns the server eid from it', async () => {
      const agent = await obuspaLikeServer('bbf-usp-protocol; eid="proto::obuspa-lab-1"');
      const t = client({ url: `ws://127.0.0.1:${agent.port}/usp` });
      const opened = waitForEvent(t, 'peerOpened');
      await t.start();
      expect((await opened)[1]).toBe('proto::obuspa-lab-1');
      expect(t.peerEndpointId).toBe('proto::obuspa-lab-1');

      const request = agent.requests[0] as IncomingMessage;
      expect(request.url).toBe('/usp?eid=self%3A%3Ausp-console');
      expect(request.headers['sec-websocket-protocol']).toBe('v1.usp');
      expect(request.headers['sec-websocket-extensions']).toBeUndefined();

      const bytes = await readFile(join(FIXTURES, 'ctrlcli_01_rx_websocket_connect.bin'));
      const got = waitForEvent(t, 'record');
      (agent.sockets[0] as Socket).write(frame(OPCODE.binary, bytes));
      const [record] = await got;
      expect(Buffer.from(record.bytes).equals(bytes)).toBe(true);
      expect(record.peerEndpointId).toBe('proto::obuspa-lab-1');
      expect(record.replyTo).toEqual(t.peerAddress);
    });

    it('still refuses a 101 naming an extension other than bbf-usp-protocol that it did not offer', async () => {
      const agent = await obuspaLikeServer('x-strange');
      const t = client({ url: `ws://127.0.0.1:${agent.port}/usp` });
      await expect(t.start()).rejects.toMatchObject({ name: 'TransportError', message: expect.stringContaining('extension') });
      expect(t.linkState).toBe('down');
    });

    it('refuses a server that does not echo v1.usp (R-WS.12)', async () => {
      const agent = await obuspaLikeServer(undefined, 'v2.other');
      const t = client({ url: `ws://127.0.0.1:${agent.port}/usp` });
      await expect(t.start()).rejects.toMatchObject({ name: 'TransportError', message: expect.stringContaining('subprotocol') });
    });

    it('percent-encodes its eid like obuspa, including % itself (R-WS.10c)', async () => {
      const agent = await obuspaLikeServer(undefined);
      const t = client({ url: `ws://127.0.0.1:${agent.port}/usp?x=1`, endpointId: 'doc::agent%21' });
      await t.start();
      expect(agent.requests[0]?.url).toBe('/usp?x=1&eid=doc%3A%3Aagent%2521');
    });

    it('with retryInitialConnect, keeps trying until the server appears', async () => {
      const port = await freePort();
      const t = client({ url: `ws://127.0.0.1:${port}/usp`, retryInitialConnect: true, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
      await expect(t.start()).rejects.toMatchObject({ name: 'TransportError' });
      const up = waitForEvent(t, 'link', (s) => s === 'up');
      const s = await server({ port });
      const opened = waitForEvent(s, 'peerOpened');
      await up;
      expect((await opened)[1]).toBe('self::usp-console');
    });

    it('closes the session with 1003 when the server sends a text frame, with a warning (R-WS.16)', async () => {
      const agent = await obuspaLikeServer(undefined);
      const url = `ws://127.0.0.1:${agent.port}/usp`;
      const t = client({ url });
      await t.start();
      const peer = agent.sockets[0] as Socket;
      const fromClient: Buffer[] = [];
      peer.on('data', (chunk: Buffer) => fromClient.push(chunk));
      const warned = waitForEvent(t, 'warning');
      const closed = waitForEvent(t, 'peerClosed');
      peer.write(frame(OPCODE.text, Buffer.from('hello')));
      expect((await warned)[0]).toBe(
        `closed the connection to ${url} with 1003: it sent a text frame, USP Records travel in binary frames (R-WS.14, R-WS.16)`,
      );
      await waitUntil(() => Buffer.concat(fromClient).length >= 8, 'the close frame');
      const close = Buffer.concat(fromClient);
      expect(close[0]).toBe(0x80 | OPCODE.close);
      // Client frames are masked (RFC 6455 §5.3): the 4-byte key follows the length byte.
      const code = ((close[6] as number) ^ (close[2] as number)) * 256 + ((close[7] as number) ^ (close[3] as number));
      expect(code).toBe(1003);
      peer.end();
      expect(await closed).toEqual([t.peerAddress, 'text frame received (closed with 1003, R-WS.16)']);
    });

    it('refuses a URL that is not ws:// or wss://', () => {
      expect(() => client({ url: 'http://127.0.0.1:1/usp' })).toThrow('WebSocket URL must start with ws:// or wss://');
    });

    it('reports an unreachable server with a TransportError', async () => {
      const url = `ws://127.0.0.1:${await freePort()}/usp`;
      await expect(client({ url }).start()).rejects.toThrow(`WebSocket connection to ${url} failed`);
    });
  });

  describe('server', () => {
    it('accepts the captured obuspa upgrade request and reads its percent-encoded eid', async () => {
      const t = await server();
      const opened = waitForEvent(t, 'peerOpened');
      // wsserver_side_handshake_request.txt
      const raw = await rawUpgrade(t.port, '/usp?eid=proto%3A%3Aobuspa-lab-1', {
        Origin: 'http://127.0.0.1',
        'Sec-WebSocket-Protocol': 'v1.usp',
      });
      cleanups.push(() => raw.socket.destroy());
      expect(raw.status).toBe(101);
      expect(raw.headers.get('sec-websocket-protocol')).toBe('v1.usp');
      expect(raw.headers.has('sec-websocket-extensions')).toBe(false);
      const [address, endpointId] = await opened;
      expect(endpointId).toBe('proto::obuspa-lab-1');

      const bytes = await readFile(join(FIXTURES, 'ctrlsrv_01_rx_websocket_connect.bin'));
      const got = waitForEvent(t, 'record');
      raw.socket.write(frame(OPCODE.binary, bytes, { mask: true }));
      const [record] = await got;
      expect(Buffer.from(record.bytes).equals(bytes)).toBe(true);
      expect(record.peerEndpointId).toBe('proto::obuspa-lab-1');
      expect(record.replyTo).toEqual(address);
    });

    it('keeps a literal + in an eid and decodes %XX sequences (the EID is opaque, R-WS.10c)', async () => {
      const t = await server();
      const opened = waitForEvent(t, 'peerOpened');
      const raw = await rawUpgrade(t.port, '/usp?x=1&eid=doc::a+b%2521', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => raw.socket.destroy());
      expect((await opened)[1]).toBe('doc::a+b%21');
    });

    it('reads the eid of an old agent from the bbf-usp-protocol extension and answers with its own (R-WS.11a)', async () => {
      const t = await server();
      const opened = waitForEvent(t, 'peerOpened');
      const raw = await rawUpgrade(t.port, '/usp', {
        'Sec-WebSocket-Protocol': 'v1.usp',
        'Sec-WebSocket-Extensions': 'bbf-usp-protocol; eid="os::012345-AABBCCDDEEFF"',
      });
      cleanups.push(() => raw.socket.destroy());
      expect(raw.status).toBe(101);
      expect(raw.headers.get('sec-websocket-extensions')).toBe('bbf-usp-protocol; eid="self::usp-console"');
      expect((await opened)[1]).toBe('os::012345-AABBCCDDEEFF');
    });

    it('refuses upgrades without v1.usp (R-WS.12a) or to another path, with warnings', async () => {
      const t = await server();
      let warned = waitForEvent(t, 'warning');
      const noProtocol = await rawUpgrade(t.port, '/usp?eid=a');
      expect(noProtocol.status).toBe(400);
      expect((await warned)[0]).toContain('v1.usp');
      warned = waitForEvent(t, 'warning');
      const wrongPath = await rawUpgrade(t.port, '/other', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      expect(wrongPath.status).toBe(404);
      expect((await warned)[0]).toContain('/usp');
      noProtocol.socket.destroy();
      wrongPath.socket.destroy();
    });

    it('reassembles a Record sent in 2048-byte fragments, as obuspa sends them (R-WS.14b)', async () => {
      const t = await server();
      const raw = await rawUpgrade(t.port, '/usp?eid=a', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => raw.socket.destroy());
      const bytes = Buffer.alloc(5000, 0);
      for (let i = 0; i < bytes.length; i += 3) bytes[i] = i & 0xff;
      const got = waitForEvent(t, 'record');
      raw.socket.write(frame(OPCODE.binary, bytes.subarray(0, 2048), { fin: false, mask: true }));
      raw.socket.write(frame(OPCODE.continuation, bytes.subarray(2048, 4096), { fin: false, mask: true }));
      raw.socket.write(frame(OPCODE.continuation, bytes.subarray(4096), { mask: true }));
      expect(Buffer.from((await got)[0].bytes).equals(bytes)).toBe(true);
    });

    it('closes a connection that sends a text frame with 1003, with a warning (R-WS.16)', async () => {
      const t = await server();
      const opened = waitForEvent(t, 'peerOpened');
      const raw = await rawUpgrade(t.port, '/usp?eid=a', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => raw.socket.destroy());
      const [address] = await opened;
      const warned = waitForEvent(t, 'warning');
      const closed = waitForEvent(t, 'peerClosed');
      raw.socket.write(frame(OPCODE.text, Buffer.from('hello'), { mask: true }));
      expect((await warned)[0]).toBe(
        `closed WebSocket connection ${address.target} with 1003: it sent a text frame, USP Records travel in binary frames (R-WS.14, R-WS.16)`,
      );
      expect(await closed).toEqual([address, 'text frame received (R-WS.16)']);
      expect(t.peers()).toEqual([]);
      await waitUntil(() => Buffer.concat(raw.received).length >= 4, 'the close frame');
      const close = Buffer.concat(raw.received);
      expect(close[0]).toBe(0x80 | OPCODE.close);
      expect(close.readUInt16BE(2)).toBe(1003);
    });

    it('detects a dead peer that stops answering Pings', async () => {
      const t = await server({ keepAliveIntervalMs: 50, maxMissedPongs: 2 });
      const opened = waitForEvent(t, 'peerOpened');
      const raw = await rawUpgrade(t.port, '/usp?eid=silent', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => raw.socket.destroy());
      const [address] = await opened;
      const [closed, reason] = await waitForEvent(t, 'peerClosed');
      expect(closed).toEqual(address);
      expect(reason).toMatch(/dead peer: 3 pings unanswered/);
      expect(Buffer.concat(raw.received)[0]).toBe(0x80 | OPCODE.ping);
    });

    it('keeps a peer that answers Pings', async () => {
      const t = await server({ keepAliveIntervalMs: 30, maxMissedPongs: 1 });
      const closes: unknown[] = [];
      t.on('peerClosed', (...args) => closes.push(args));
      const opened = waitForEvent(t, 'peerOpened');
      // A plain ws client answers Pings with Pongs by itself, as RFC 6455 peers must.
      const peer = new WebSocket(`ws://127.0.0.1:${t.port}/usp?eid=os%3A%3Aponger`, 'v1.usp');
      cleanups.push(() => peer.terminate());
      let pings = 0;
      peer.on('ping', () => (pings += 1));
      const [address] = await opened;
      await waitUntil(() => pings >= 5, 'five keep-alive rounds');
      expect(closes).toEqual([]);
      expect(t.peers()).toEqual([{ address, endpointId: 'os::ponger' }]);
    });

    it('does not replace an open connection when a new one names the same eid: the controller decides (issue 9 #1)', async () => {
      const t = await server();
      const closes: unknown[] = [];
      t.on('peerClosed', (...args) => closes.push(args));
      const first = waitForEvent(t, 'peerOpened');
      const a = await rawUpgrade(t.port, '/usp?eid=os%3A%3Atwin', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => a.socket.destroy());
      const [firstAddress] = await first;
      const second = waitForEvent(t, 'peerOpened');
      const b = await rawUpgrade(t.port, '/usp?eid=os%3A%3Atwin', { 'Sec-WebSocket-Protocol': 'v1.usp' });
      cleanups.push(() => b.socket.destroy());
      const [secondAddress, eid] = await second;
      expect(eid).toBe('os::twin');
      expect(closes).toEqual([]);
      expect(t.peers()).toEqual([
        { address: firstAddress, endpointId: 'os::twin' },
        { address: secondAddress, endpointId: 'os::twin' },
      ]);
      // checkAlive pings: a raw peer that never answers is reported dead, closePeer closes it with 1008.
      expect(await t.checkAlive(firstAddress, 100)).toBe(false);
      const closed = waitForEvent(t, 'peerClosed');
      t.closePeer(firstAddress, 'impostor');
      expect(await closed).toEqual([firstAddress, 'impostor']);
      // What the raw peer got: the Ping frame of checkAlive, then the close frame.
      await waitUntil(() => Buffer.concat(a.received).includes(0x80 | OPCODE.close), 'the close frame');
      const frameBytes = Buffer.concat(a.received);
      expect(frameBytes[0]).toBe(0x80 | OPCODE.ping);
      const close = frameBytes.indexOf(0x80 | OPCODE.close);
      expect(frameBytes.readUInt16BE(close + 2)).toBe(1008);
    });
  });

  describe('wss with client certificates', () => {
    it('carries records over wss and refuses an agent without a client certificate', async () => {
      const dir = await tempDir();
      const serverCert = makeSelfSignedCert(dir, 'controller');
      // The agent's certificate must name the eid it announces (R-SEC.10a).
      const agentCert = makeSelfSignedCert(dir, 'agent', 'self::usp-console');
      const t = await server({ tls: { ...serverCert, caFile: agentCert.certFile, requireClientCert: true } });
      expect(t.url.startsWith('wss://')).toBe(true);

      const good = client({ url: `wss://127.0.0.1:${t.port}/usp`, tls: { caFile: serverCert.certFile, ...agentCert } });
      const got = waitForEvent(t, 'record');
      await good.start();
      await good.send(good.peerAddress, new Uint8Array([7, 0, 7]));
      expect(Array.from((await got)[0].bytes)).toEqual([7, 0, 7]);

      const anonymous = client({ url: `wss://127.0.0.1:${t.port}/usp`, tls: { caFile: serverCert.certFile } });
      await expect(anonymous.start()).rejects.toMatchObject({ name: 'TransportError' });
    });
  });
});
