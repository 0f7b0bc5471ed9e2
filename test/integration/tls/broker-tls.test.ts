import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/main/controller';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { StompTransport } from '../../../src/main/mtp/stomp/stomp-transport';
import type { Transport } from '../../../src/main/mtp/transport';
import { mqttAgentLink, SimAgent, stompAgentLink, type AgentLink } from '../../../src/main/sim';
import { startMosquitto, startRabbitStomp, tempDir, waitForEvent, type MosquittoBroker, type RabbitStompBroker } from '../../helpers';
import { makeBenchCertificates, type BenchCertificates } from '../../helpers/bench-certificates';
import { BenchCa } from '../../../src/main/services/certificates/bench-ca';

const CONTROLLER_ID = 'self::usp-console-broker-tls';
const AGENT_ID = 'proto::broker-tls-agent';
const BROKER_ID = 'proto::bench-broker';

let certs: BenchCertificates;
let certsDir: string;
let mosquitto: MosquittoBroker;
let rabbit: RabbitStompBroker;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  certsDir = await tempDir();
  certs = await makeBenchCertificates(certsDir, CONTROLLER_ID, [AGENT_ID, BROKER_ID]);
  const tls = { ...certs.agents[BROKER_ID]!, caFile: certs.caFile, requireClientCert: true };
  [mosquitto, rabbit] = await Promise.all([startMosquitto({ tls }), startRabbitStomp({ tls })]);
}, 60_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  await Promise.all([mosquitto.stop(), rabbit.stop()]);
});

/** A controller on `transport` and a simulated agent on `link`; resolves once the agent is online. */
async function agentOnline(transport: Transport, link: AgentLink): Promise<Controller> {
  await transport.start();
  const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], requestTimeoutMs: 5_000, queryProtocolOnContact: false });
  const sim = new SimAgent({ endpointId: AGENT_ID, controllerId: CONTROLLER_ID, transport: link.transport, mtp: link.mtp, tickMs: 0 });
  cleanups.push(() => transport.stop(), () => controller.close(), () => sim.stop());
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
  await sim.start();
  await online;
  return controller;
}

/** The broker's certificate is on the link, and it is not taken for the agent's (R-E2E.28). */
function expectBrokerTls(controller: Controller, transportId: string): void {
  const tls = controller.linkSecurity(AGENT_ID).links.get(transportId);
  expect(tls).toMatchObject({ authorized: true, peerIsEndpoint: false, peer: { subject: `CN=${BROKER_ID}, O=USP Console bench`, endpointIds: [BROKER_ID] } });
  expect(tls?.protocol).toMatch(/^TLSv1\.[23]$/);
  expect(tls?.cipher).toBeTruthy();
}

describe('MQTT and STOMP over TLS with client certificates from the bench CA', () => {
  it('mqtts: the console and a simulated agent talk through a Mosquitto that demands client certificates', async () => {
    const topic = 'usp/controller/broker-tls';
    const transport = new MqttTransport({
      id: 'mqtts',
      url: mosquitto.url,
      clientId: 'console-tls',
      protocolVersion: 5,
      endpointId: CONTROLLER_ID,
      subscriptions: [topic],
      replyTopic: topic,
      tls: { caFile: certs.caFile, ...certs.controller },
    });
    const link = mqttAgentLink(AGENT_ID, { url: mosquitto.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: topic, tls: { caFile: certs.caFile, ...certs.agents[AGENT_ID]! } });
    const controller = await agentOnline(transport, link);
    const get = await controller.get(AGENT_ID, ['Device.LocalAgent.EndpointID']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.EndpointID).toBe(AGENT_ID);
    expectBrokerTls(controller, 'mqtts');
  });

  it('mqtts: a client without a certificate, or not trusting the broker, is refused', async () => {
    const options = { url: mosquitto.url, protocolVersion: 5 as const, subscriptions: ['x'], replyTopic: 'x', connectTimeoutMs: 5_000 };
    const anonymous = new MqttTransport({ ...options, id: 'anonymous', clientId: 'anonymous', tls: { caFile: certs.caFile } });
    cleanups.push(() => anonymous.stop());
    await expect(anonymous.start()).rejects.toMatchObject({ name: 'TransportError' });
    const doubting = new MqttTransport({ ...options, id: 'doubting', clientId: 'doubting', tls: { ...certs.controller } });
    cleanups.push(() => doubting.stop());
    await expect(doubting.start()).rejects.toThrow(`MQTT broker ${mosquitto.url} failed the TLS check: self-signed certificate in certificate chain`);
  });

  it('stomps: the console and a simulated agent talk through a RabbitMQ TLS listener that demands client certificates', async () => {
    const url = `stomps://guest:guest@localhost:${rabbit.stompTlsPort}`;
    const destination = '/queue/usp.controller.broker-tls';
    const transport = new StompTransport({ id: 'stomps', url, endpointId: CONTROLLER_ID, destination, tls: { caFile: certs.caFile, ...certs.controller } });
    const link = stompAgentLink(AGENT_ID, { url, agentDestinationPrefix: '/queue/usp.agent.', controllerDestination: destination, tls: { caFile: certs.caFile, ...certs.agents[AGENT_ID]! } });
    const controller = await agentOnline(transport, link);
    const get = await controller.get(AGENT_ID, ['Device.LocalAgent.EndpointID']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.EndpointID).toBe(AGENT_ID);
    expectBrokerTls(controller, 'stomps');
  });

  it('stomps: a client without a certificate is refused', async () => {
    const anonymous = new StompTransport({ id: 'anonymous', url: `stomps://guest:guest@localhost:${rabbit.stompTlsPort}`, endpointId: 'x', destination: '/queue/y', connectTimeoutMs: 5_000, tls: { caFile: certs.caFile } });
    cleanups.push(() => anonymous.stop());
    await expect(anonymous.start()).rejects.toMatchObject({ name: 'TransportError' });
  });
});

describe('server name checks of mqtts and stomps brokers', () => {
  // Brokers whose certificate is valid only for broker.example, dialled as 127.0.0.1 and localhost.
  let misnamedMqtt: MosquittoBroker;
  let misnamedStomp: RabbitStompBroker;
  beforeAll(async () => {
    const issued = await new BenchCa(certsDir).issue({ endpointId: 'proto::misnamed-broker', dnsNames: ['broker.example'], ipAddresses: [], days: 1 });
    const tls = { certFile: issued.certFile, keyFile: issued.keyFile };
    [misnamedMqtt, misnamedStomp] = await Promise.all([startMosquitto({ tls }), startRabbitStomp({ tls })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([misnamedMqtt?.stop(), misnamedStomp?.stop()]);
  });

  it('mqtts: a broker certificate not naming the host dialled is refused, and accepted when the profile names it', async () => {
    const options = { url: misnamedMqtt.url, protocolVersion: 5 as const, subscriptions: ['x'], replyTopic: 'x', connectTimeoutMs: 5_000 };
    const misnamed = new MqttTransport({ ...options, id: 'misnamed', clientId: 'misnamed', tls: { caFile: certs.caFile } });
    cleanups.push(() => misnamed.stop());
    await expect(misnamed.start()).rejects.toThrow(
      `MQTT broker ${misnamedMqtt.url} failed the TLS check: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: `,
    );
    const named = new MqttTransport({ ...options, id: 'named', clientId: 'named', tls: { caFile: certs.caFile, serverName: 'broker.example' } });
    cleanups.push(() => named.stop());
    await named.start();
    expect(named.tlsState).toMatchObject({ authorized: true, authorizationError: null });
    expect(named.tlsState?.peer?.subjectAltNames).toContainEqual({ type: 'DNS', value: 'broker.example' });
  });

  it('stomps: a broker certificate not naming the host dialled is refused, and accepted when the profile names it', async () => {
    const url = `stomps://guest:guest@localhost:${misnamedStomp.stompTlsPort}`;
    const options = { url, endpointId: CONTROLLER_ID, destination: '/queue/usp.controller.misnamed', connectTimeoutMs: 5_000 };
    const misnamed = new StompTransport({ ...options, id: 'misnamed', tls: { caFile: certs.caFile } });
    cleanups.push(() => misnamed.stop());
    await expect(misnamed.start()).rejects.toThrow(
      `STOMP server localhost:${misnamedStomp.stompTlsPort} failed the TLS check: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: `,
    );
    const named = new StompTransport({ ...options, id: 'named', tls: { caFile: certs.caFile, serverName: 'broker.example' } });
    cleanups.push(() => named.stop());
    await named.start();
    expect(named.tlsState).toMatchObject({ authorized: true, authorizationError: null });
    expect(named.tlsState?.peer?.subjectAltNames).toContainEqual({ type: 'DNS', value: 'broker.example' });
  });
});
