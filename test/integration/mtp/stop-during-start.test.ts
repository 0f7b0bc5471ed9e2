import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { StompTransport } from '../../../src/main/mtp/stomp/stomp-transport';
import type { Transport } from '../../../src/main/mtp/transport';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { freePort, tempDir, waitUntil } from '../../helpers';

/**
 * A peer that accepts the connection and then says nothing (no CONNACK, CONNECTED, 101 or
 * handshake): start() stays pending, and stop() must still settle it and leave the
 * transport down, never hang.
 */
describe('stop() while start() waits on a silent peer', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const silentServer = async (listenOn: number | string): Promise<{ accepted: () => number }> => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => {
      if (typeof listenOn === 'number') server.listen(listenOn, '127.0.0.1', resolve);
      else server.listen(listenOn, resolve);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    );
    return { accepted: () => sockets.length };
  };

  const check = async (transport: Transport, silent: { accepted: () => number }): Promise<void> => {
    cleanups.push(() => transport.stop());
    const starting = transport.start();
    await waitUntil(() => silent.accepted() > 0, 'the silent peer to accept the connection');
    await transport.stop();
    await expect(starting).rejects.toMatchObject({ name: 'TransportError' });
    expect(transport.linkState).toBe('down');
  };

  it('MQTT', async () => {
    const port = await freePort();
    const silent = await silentServer(port);
    await check(new MqttTransport({ id: 'm', url: `mqtt://127.0.0.1:${port}`, clientId: 'm', protocolVersion: 5, subscriptions: ['a'], replyTopic: 'a' }), silent);
  });

  it('STOMP', async () => {
    const port = await freePort();
    const silent = await silentServer(port);
    await check(new StompTransport({ id: 's', url: `stomp://127.0.0.1:${port}`, endpointId: 'x', destination: '/queue/x' }), silent);
  });

  it('WebSocket client', async () => {
    const port = await freePort();
    const silent = await silentServer(port);
    await check(new WsClientTransport({ id: 'w', url: `ws://127.0.0.1:${port}/usp`, endpointId: 'x' }), silent);
  });

  it('UDS client', async () => {
    const path = join(await tempDir('usp-uds-'), 'silent.sock');
    const silent = await silentServer(path);
    await check(new UdsClientTransport({ id: 'u', path, endpointId: 'x' }), silent);
  });
});
