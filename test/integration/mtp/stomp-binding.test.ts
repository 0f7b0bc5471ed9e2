import { readFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StompTransport, type StompTransportOptions } from '../../../src/main/mtp/stomp/stomp-transport';
import { freePort, makeSelfSignedCert, startRabbitStomp, tempDir, waitForEvent, type CertificateFiles, type RabbitStompBroker } from '../../helpers';
import { encodeFrame, header, rawStompSession, StompFrameReader, type StompFrame } from './raw-stomp';

const FIXTURES = join(import.meta.dirname, '../../fixtures/obuspa-11.0.4');

describe('STOMP binding details (R-STOMP.*, the obuspa captures)', () => {
  let broker: RabbitStompBroker;
  let brokerCert: CertificateFiles;
  const cleanups: (() => unknown)[] = [];
  beforeAll(async () => {
    brokerCert = makeSelfSignedCert(await tempDir(), 'rabbit');
    broker = await startRabbitStomp({ tls: brokerCert });
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const controller = async (extra: Partial<StompTransportOptions> = {}): Promise<StompTransport> => {
    const t = new StompTransport({ id: 'stomp-ctrl', url: broker.url, endpointId: 'self::usp-console', destination: '/queue/usp-console', ...extra });
    cleanups.push(() => t.stop());
    await t.start();
    return t;
  };
  const raw = async (): Promise<Awaited<ReturnType<typeof rawStompSession>>> => {
    const session = await rawStompSession(broker.stompPort, broker.login, broker.passcode);
    cleanups.push(() => session.socket.destroy());
    return session;
  };

  it('sends Records as obuspa expects them: exact content-type, reply-to-dest, content-length, binary body (R-STOMP.19-22)', async () => {
    const t = await controller();
    const agent = await raw();
    agent.socket.write(encodeFrame('SUBSCRIBE', [['id', '0'], ['destination', '/queue/obuspa-lab-1'], ['ack', 'auto'], ['receipt', 'r1']]));
    expect((await agent.reader.next()).command).toBe('RECEIPT');
    const bytes = new Uint8Array([0, 10, 0, 13, 58, 92, 0]);
    await t.send(t.addressFor('/queue/obuspa-lab-1'), bytes);
    const message = await agent.reader.next();
    expect(message.command).toBe('MESSAGE');
    expect(header(message, 'content-type')).toBe('application/vnd.bbf.usp.msg');
    expect(header(message, 'reply-to-dest')).toBe('/queue/usp-console');
    expect(header(message, 'content-length')).toBe(String(bytes.length));
    expect([...message.body]).toEqual([...bytes]);
  });

  it('receives what obuspa sends (captured headers and body) and answers to its reply-to-dest (R-STOMP.23)', async () => {
    const t = await controller();
    const agent = await raw();
    const bytes = await readFile(join(FIXTURES, 'stomp_01_stomp_connect.bin'));
    const got = waitForEvent(t, 'record');
    // obuspa's SEND header order: content-length, content-type, reply-to-dest, destination.
    agent.socket.write(
      encodeFrame(
        'SEND',
        [
          ['content-length', String(bytes.length)],
          ['content-type', 'application/vnd.bbf.usp.msg'],
          ['reply-to-dest', '/queue/obuspa-lab-1'],
          ['destination', '/queue/usp-console'],
        ],
        bytes,
      ),
    );
    const [record] = await got;
    expect(Buffer.from(record.bytes).equals(bytes)).toBe(true);
    expect(record.replyTo).toEqual({ transportId: 'stomp-ctrl', kind: 'stomp', target: '/queue/obuspa-lab-1' });
  });

  it('ignores a MESSAGE whose content-type is not a USP Record, with a warning', async () => {
    const t = await controller();
    const agent = await raw();
    const records: unknown[] = [];
    t.on('record', (r) => records.push(r));
    const warned = waitForEvent(t, 'warning');
    agent.socket.write(encodeFrame('SEND', [['destination', '/queue/usp-console'], ['content-type', 'text/plain']], Buffer.from('hi')));
    expect((await warned)[0]).toContain('text/plain');
    expect(records).toEqual([]);
  });

  it('reports refused credentials with the server message', async () => {
    const t = new StompTransport({
      id: 'stomp-bad',
      url: `stomp://guest:wrong@127.0.0.1:${broker.stompPort}`,
      endpointId: 'x',
      destination: '/queue/x',
    });
    cleanups.push(() => t.stop());
    await expect(t.start()).rejects.toMatchObject({
      name: 'TransportError',
      message: expect.stringMatching(new RegExp(`^STOMP server 127\\.0\\.0\\.1:${broker.stompPort} refused the connection: .*refused`, 'i')),
    });
  });

  it('speaks STOMP over TLS (stomps://) to a server whose certificate it trusts', async () => {
    const t = await controller({ url: `stomps://guest:guest@127.0.0.1:${broker.stompTlsPort}`, tls: { caFile: brokerCert.certFile } });
    const agent = await raw();
    const got = waitForEvent(t, 'record');
    agent.socket.write(
      encodeFrame(
        'SEND',
        [['destination', '/queue/usp-console'], ['content-type', 'application/vnd.bbf.usp.msg'], ['reply-to-dest', '/queue/a'], ['content-length', '3']],
        Buffer.from([0, 9, 0]),
      ),
    );
    expect([...(await got)[0].bytes]).toEqual([0, 9, 0]);

    const doubting = new StompTransport({ id: 'doubting', url: `stomps://guest:guest@127.0.0.1:${broker.stompTlsPort}`, endpointId: 'x', destination: '/queue/y' });
    cleanups.push(() => doubting.stop());
    await expect(doubting.start()).rejects.toMatchObject({ name: 'TransportError' });
  });

  it('reports an unreachable server', async () => {
    const port = await freePort();
    const t = new StompTransport({ id: 'stomp-none', url: `stomp://127.0.0.1:${port}`, endpointId: 'x', destination: '/queue/x' });
    cleanups.push(() => t.stop());
    await expect(t.start()).rejects.toThrow(`STOMP server 127.0.0.1:${port} is unreachable`);
  });

  it('opens with a STOMP frame carrying the escaped endpoint-id and heart-beats, and obeys subscribe-dest (R-STOMP.2/4/6/8)', async () => {
    const frames: StompFrame[] = [];
    const sockets: Socket[] = [];
    const fake = createServer((socket) => {
      sockets.push(socket);
      const reader = new StompFrameReader(socket);
      void (async () => {
        for (;;) {
          const f = await reader.next(60_000).catch(() => undefined);
          if (f === undefined) return;
          frames.push(f);
          if (f.command === 'STOMP' || f.command === 'CONNECT') {
            socket.write(encodeFrame('CONNECTED', [['version', '1.2'], ['heart-beat', '0,0'], ['subscribe-dest', '/queue/assigned']]));
          }
          const receipt = header(f, 'receipt');
          if (receipt !== undefined) socket.write(encodeFrame('RECEIPT', [['receipt-id', receipt]]));
        }
      })();
    });
    const port = await freePort();
    await new Promise<void>((resolve) => fake.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      fake.close(() => resolve());
    }));
    const t = new StompTransport({
      id: 'stomp-fake',
      url: `stomp://console:pa:ss@127.0.0.1:${port}`,
      endpointId: 'os::002456-0800270B57FF',
      destination: '/queue/configured',
      heartbeatOutgoingMs: 30_000,
      heartbeatIncomingMs: 300_000,
    });
    cleanups.push(() => t.stop());
    await t.start();
    const [opening, subscribe] = frames;
    expect(opening?.command).toBe('STOMP');
    expect(header(opening as StompFrame, 'endpoint-id')).toBe('os\\c\\c002456-0800270B57FF');
    expect(header(opening as StompFrame, 'accept-version')).toContain('1.2');
    expect(header(opening as StompFrame, 'heart-beat')).toBe('30000,300000');
    expect(header(opening as StompFrame, 'login')).toBe('console');
    expect(header(opening as StompFrame, 'passcode')).toBe('pa\\css');
    expect(header(opening as StompFrame, 'host')).toBe('/');
    expect(subscribe?.command).toBe('SUBSCRIBE');
    expect(header(subscribe as StompFrame, 'destination')).toBe('/queue/assigned');
    expect(header(subscribe as StompFrame, 'ack')).toBe('auto');
    expect(t.ownAddress.target).toBe('/queue/assigned');

    await t.send(t.addressFor('/queue/controller'), new Uint8Array([1, 2]));
    await expect.poll(() => frames.find((f) => f.command === 'SEND')).toBeDefined();
    const send = frames.find((f) => f.command === 'SEND') as StompFrame;
    expect(header(send, 'reply-to-dest')).toBe('/queue/assigned');
    expect(header(send, 'destination')).toBe('/queue/controller');
  });
});
