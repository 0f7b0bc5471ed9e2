import { createServer, type Server, type Socket } from 'node:net';
import { generate, parser, type IConnectPacket, type IPublishPacket, type ISubscribePacket, type Packet } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { freePort, waitUntil } from '../../helpers';

/**
 * Mosquitto sends neither Response Information nor `subscribe-topic` user properties, so
 * these CONNACK features (R-MQTT.12/15/21) are checked against a scripted MQTT 5 broker
 * that records every packet it gets.
 */
describe('MQTT 5 CONNECT/CONNACK details against a scripted broker', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const scriptedBroker = async (connackProperties: Record<string, unknown>): Promise<{ url: string; packets: Packet[] }> => {
    const packets: Packet[] = [];
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => {
      sockets.push(socket);
      const read = parser({ protocolVersion: 5 });
      const send = (packet: Record<string, unknown>): void => void socket.write(generate(packet as unknown as Packet, { protocolVersion: 5 }));
      read.on('packet', (packet: Packet) => {
        packets.push(packet);
        if (packet.cmd === 'connect') send({ cmd: 'connack', reasonCode: 0, sessionPresent: false, properties: connackProperties });
        if (packet.cmd === 'subscribe') {
          send({ cmd: 'suback', messageId: packet.messageId, granted: packet.subscriptions.map(() => 0) });
        }
        if (packet.cmd === 'pingreq') send({ cmd: 'pingresp' });
      });
      socket.on('data', (chunk: Buffer) => read.parse(chunk));
      socket.on('error', () => undefined);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    );
    return { url: `mqtt://127.0.0.1:${port}`, packets };
  };

  it('announces usp-endpoint-id, requests Response Information, and adopts the CONNACK topics', async () => {
    const broker = await scriptedBroker({
      responseInformation: 'usp/assigned/console',
      userProperties: { 'subscribe-topic': ['usp/extra/one', 'usp/extra/two'] },
    });
    const t = new MqttTransport({
      id: 'm',
      url: broker.url,
      clientId: 'console',
      protocolVersion: 5,
      endpointId: 'self::usp-console',
      requestResponseInformation: true,
      subscriptions: ['usp/controller/usp-console'],
      replyTopic: 'usp/controller/usp-console',
    });
    cleanups.push(() => t.stop());
    await t.start();

    const connect = broker.packets.find((p): p is IConnectPacket => p.cmd === 'connect');
    expect(connect?.properties?.userProperties).toEqual({ 'usp-endpoint-id': 'self::usp-console' });
    expect(connect?.properties?.requestResponseInformation).toBe(true);
    expect(connect?.clientId).toBe('console');

    const subscribed = broker.packets
      .filter((p): p is ISubscribePacket => p.cmd === 'subscribe')
      .flatMap((p) => p.subscriptions.map((s) => s.topic));
    expect(subscribed.sort()).toEqual(['usp/assigned/console', 'usp/controller/usp-console', 'usp/extra/one', 'usp/extra/two']);
    expect(t.ownAddress.target).toBe('usp/assigned/console');

    await t.send(t.addressFor('usp/agent/x'), new Uint8Array([1, 0]));
    await waitUntil(() => broker.packets.some((p) => p.cmd === 'publish'), 'the PUBLISH to reach the broker');
    const publish = broker.packets.find((p): p is IPublishPacket => p.cmd === 'publish');
    expect(publish?.topic).toBe('usp/agent/x');
    expect(publish?.properties?.responseTopic).toBe('usp/assigned/console');
    expect(publish?.properties?.contentType).toBe('usp.msg');
  });

  it('keeps the configured reply topic when the broker gives no Response Information', async () => {
    const broker = await scriptedBroker({});
    const t = new MqttTransport({
      id: 'm',
      url: broker.url,
      clientId: 'console',
      protocolVersion: 5,
      requestResponseInformation: true,
      subscriptions: ['usp/controller/usp-console'],
      replyTopic: 'usp/controller/usp-console',
    });
    cleanups.push(() => t.stop());
    await t.start();
    expect(t.ownAddress.target).toBe('usp/controller/usp-console');
  });
});
