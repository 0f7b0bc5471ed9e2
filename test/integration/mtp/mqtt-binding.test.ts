import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectAsync, type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MqttTransport, type MqttTransportOptions } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { freePort, makeSelfSignedCert, startMosquitto, tempDir, waitForEvent, type MosquittoBroker } from '../../helpers';

const FIXTURES = join(import.meta.dirname, '../../fixtures/obuspa-11.0.4');
const CONTROLLER_TOPIC = 'usp/controller/usp-console';
const AGENT_TOPIC = 'usp/agent/obuspa-lab-1';

describe('MQTT binding details (R-MQTT.*, the obuspa captures)', () => {
  let broker: MosquittoBroker;
  let secured: MosquittoBroker;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    secured = await startMosquitto({ users: { console: 's3cret' } });
  });
  afterAll(async () => {
    await broker.stop();
    await secured.stop();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const controller = async (protocolVersion: 4 | 5, extra: Partial<MqttTransportOptions> = {}): Promise<MqttTransport> => {
    const t = new MqttTransport({
      id: 'ctrl',
      url: broker.url,
      clientId: `ctrl-${protocolVersion}`,
      protocolVersion,
      subscriptions: [CONTROLLER_TOPIC, `${CONTROLLER_TOPIC}/#`],
      replyTopic: CONTROLLER_TOPIC,
      ...extra,
    });
    cleanups.push(() => t.stop());
    await t.start();
    return t;
  };
  const rawClient = async (protocolVersion: 4 | 5): Promise<MqttClient> => {
    const c = await connectAsync(broker.url, { protocolVersion, clientId: `raw-${protocolVersion}-${Math.random()}` });
    cleanups.push(() => c.endAsync());
    return c;
  };
  const nextPublish = (client: MqttClient): Promise<{ topic: string; payload: Buffer; packet: IPublishPacket }> =>
    new Promise((resolve) => client.once('message', (topic, payload, packet) => resolve({ topic, payload, packet })));

  it('MQTT 5: publishes with Content Type usp.msg and our Response Topic (R-MQTT.22/27)', async () => {
    const t = await controller(5);
    const agent = await rawClient(5);
    await agent.subscribeAsync(AGENT_TOPIC);
    const got = nextPublish(agent);
    await t.send(t.addressFor(AGENT_TOPIC), new Uint8Array([0, 1, 2, 0]));
    const { topic, payload, packet } = await got;
    expect(topic).toBe(AGENT_TOPIC);
    expect([...payload]).toEqual([0, 1, 2, 0]);
    expect(packet.properties?.contentType).toBe('usp.msg');
    expect(packet.properties?.responseTopic).toBe(CONTROLLER_TOPIC);
    expect(packet.retain).toBe(false);
  });

  it('MQTT 3.1.1: publishes to <agent topic>/reply-to=<our topic with / as %2F> as the capture shows (R-MQTT.24)', async () => {
    const t = await controller(4);
    const agent = await rawClient(4);
    await agent.subscribeAsync(`${AGENT_TOPIC}/#`);
    const got = nextPublish(agent);
    await t.send(t.addressFor(AGENT_TOPIC), new Uint8Array([9]));
    // The file name of mqtt_53 records the topic obuspa received this on.
    expect((await got).topic).toBe('usp/agent/obuspa-lab-1/reply-to=usp%2Fcontroller%2Fusp-console');
  });

  it('MQTT 3.1.1: takes the reply topic from an obuspa publish suffix and strips it', async () => {
    const t = await controller(4);
    const bytes = await readFile(join(FIXTURES, 'mqtt_51_mqtt_connect_usp_controller_usp-console_reply-to=usp%2Fagent%2Fobuspa-lab-1.bin'));
    const agent = await rawClient(4);
    const got = waitForEvent(t, 'record');
    await agent.publishAsync('usp/controller/usp-console/reply-to=usp%2Fagent%2Fobuspa-lab-1', bytes);
    const [record] = await got;
    expect(Buffer.from(record.bytes).equals(bytes)).toBe(true);
    expect(record.replyTo).toEqual({ transportId: 'ctrl', kind: 'mqtt', target: AGENT_TOPIC });
  });

  it('MQTT 5: takes the reply topic from the Response Topic, accepts the old Content Type, and gives null without one', async () => {
    const t = await controller(5);
    const bytes = await readFile(join(FIXTURES, 'mqtt_01_mqtt_connect_usp_controller_usp-console.bin'));
    const agent = await rawClient(5);
    let got = waitForEvent(t, 'record');
    await agent.publishAsync(CONTROLLER_TOPIC, bytes, { properties: { contentType: 'usp.msg', responseTopic: AGENT_TOPIC } });
    expect((await got)[0].replyTo?.target).toBe(AGENT_TOPIC);

    got = waitForEvent(t, 'record');
    await agent.publishAsync(CONTROLLER_TOPIC, bytes, { properties: { contentType: 'application/vnd.bbf.usp.msg', responseTopic: 'x/y' } });
    expect((await got)[0].replyTo?.target).toBe('x/y');

    got = waitForEvent(t, 'record');
    await agent.publishAsync(CONTROLLER_TOPIC, bytes);
    expect((await got)[0].replyTo).toBeNull();
  });

  it('MQTT 5: ignores Bulk Data JSON reports with a warning instead of passing them on as Records', async () => {
    const t = await controller(5);
    const agent = await rawClient(5);
    const records: unknown[] = [];
    t.on('record', (r) => records.push(r));
    const warned = waitForEvent(t, 'warning');
    await agent.publishAsync(CONTROLLER_TOPIC, '{"Report":[]}', { properties: { contentType: 'application/json; charset=UTF-8' } });
    expect((await warned)[0]).toContain('application/json');
    const later = waitForEvent(t, 'record');
    await agent.publishAsync(CONTROLLER_TOPIC, Buffer.from([1]), { properties: { contentType: 'usp.msg' } });
    await later;
    expect(records).toHaveLength(1);
  });

  it.each([4, 5] as const)('MQTT v%s: a broker refusing our credentials gives a clear TransportError', async (protocolVersion) => {
    const t = new MqttTransport({
      id: 'refused',
      url: secured.url,
      clientId: 'refused',
      username: 'console',
      password: 'wrong',
      protocolVersion,
      subscriptions: ['a'],
      replyTopic: 'a',
    });
    cleanups.push(() => t.stop());
    await expect(t.start()).rejects.toMatchObject({
      name: 'TransportError',
      message: `MQTT broker ${secured.url} refused the connection: not authorized`,
    });
    expect(t.linkState).toBe('down');
  });

  it('connects with the right username and password', async () => {
    const t = new MqttTransport({
      id: 'allowed',
      url: secured.url,
      clientId: 'allowed',
      username: 'console',
      password: 's3cret',
      protocolVersion: 5,
      subscriptions: ['a'],
      replyTopic: 'a',
    });
    cleanups.push(() => t.stop());
    await t.start();
    expect(t.linkState).toBe('up');
  });

  it('speaks MQTT over TLS (mqtts://) to a broker whose certificate it trusts, and refuses one it does not', async () => {
    const dir = await tempDir();
    const cert = makeSelfSignedCert(dir, 'broker');
    const other = makeSelfSignedCert(dir, 'stranger');
    const tlsBroker = await startMosquitto({ tls: cert });
    cleanups.push(() => tlsBroker.stop());
    const options = { url: tlsBroker.url, protocolVersion: 5 as const, subscriptions: ['usp/tls'], replyTopic: 'usp/tls' };
    const trusting = new MqttTransport({ ...options, id: 'tls', clientId: 'tls', tls: { caFile: cert.certFile } });
    cleanups.push(() => trusting.stop());
    await trusting.start();
    const got = waitForEvent(trusting, 'record');
    await trusting.send(trusting.addressFor('usp/tls'), new Uint8Array([0, 42]));
    expect([...(await got)[0].bytes]).toEqual([0, 42]);

    const doubting = new MqttTransport({ ...options, id: 'tls2', clientId: 'tls2', tls: { caFile: other.certFile } });
    cleanups.push(() => doubting.stop());
    await expect(doubting.start()).rejects.toThrow(`MQTT broker ${tlsBroker.url} failed the TLS check: self-signed certificate`);
  });

  it('reports an unreachable broker on start and refuses sends while down', async () => {
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const t = new MqttTransport({ id: 'nowhere', url, clientId: 'x', protocolVersion: 5, subscriptions: ['a'], replyTopic: 'a' });
    cleanups.push(() => t.stop());
    await expect(t.start()).rejects.toThrow(`MQTT broker ${url} is unreachable`);
    await expect(t.send(t.addressFor('b'), new Uint8Array([1]))).rejects.toMatchObject({ name: 'TransportError' });
  });

  it('with retryInitialConnect, reports the first failure yet connects once the broker comes up', async () => {
    const late = await startMosquitto();
    cleanups.push(() => late.stop());
    await late.stop();
    const t = new MqttTransport({
      id: 'patient',
      url: late.url,
      clientId: 'patient',
      protocolVersion: 5,
      subscriptions: ['a'],
      replyTopic: 'a',
      retryInitialConnect: true,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    cleanups.push(() => t.stop());
    await expect(t.start()).rejects.toThrow('is unreachable');
    const up = waitForEvent(t, 'link', (s) => s === 'up', 20_000);
    await late.restart();
    await up;
    await t.send(t.addressFor('b'), new Uint8Array([1]));
  });

  it('refuses a URL that is not an MQTT broker URL', () => {
    expect(() => new MqttTransport({ id: 'x', url: 'http://h:1', clientId: '', protocolVersion: 5, subscriptions: ['a'], replyTopic: 'a' })).toThrow(
      'MQTT broker URL must start with mqtt://',
    );
  });

  it('reports the broker going away and coming back as link events with reasons', async () => {
    const own = await startMosquitto();
    cleanups.push(() => own.stop());
    const t = new MqttTransport({
      id: 'flappy',
      url: own.url,
      clientId: 'flappy',
      protocolVersion: 5,
      subscriptions: ['a'],
      replyTopic: 'a',
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    cleanups.push(() => t.stop());
    await t.start();
    const down = waitForEvent(t, 'link', (s) => s === 'down');
    await own.stop();
    expect((await down)[1]).toMatch(/reconnecting in \d+ ms/);
    const up = waitForEvent(t, 'link', (s) => s === 'up', 20_000);
    await own.restart();
    expect((await up)[1]).toContain(own.url);
  });
});
