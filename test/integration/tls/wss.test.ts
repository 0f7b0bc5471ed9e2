import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Controller } from '../../../src/main/controller';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { BenchCa } from '../../../src/main/services/certificates/bench-ca';
import { buildConnectRecord } from '../../../src/main/usp/record';
import { websocketAgentLink } from '../../../src/main/sim';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { freePort, tempDir, waitForEvent } from '../../helpers';
import { makeBenchCertificates, type BenchCertificates } from '../../helpers/bench-certificates';
import { RawAgent } from '../controller/raw-agent';
import { cannedAnswer } from '../controller/usp-responses';

const CONTROLLER_ID = 'self::usp-console-tls';
const AGENT_ID = 'proto::tls-agent';
const OTHER_ID = 'proto::someone-else';

let certs: BenchCertificates;
const cleanups: (() => unknown)[] = [];

let certsDir: string;

beforeAll(async () => {
  certsDir = await tempDir();
  certs = await makeBenchCertificates(certsDir, CONTROLLER_ID, [AGENT_ID, OTHER_ID]);
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The console's wss:// listener demanding client certificates from the bench CA, and a controller on it. */
async function wssController(): Promise<{ server: WsServerTransport; controller: Controller }> {
  const server = new WsServerTransport({
    id: 'wss',
    host: '127.0.0.1',
    port: await freePort(),
    endpointId: CONTROLLER_ID,
    keepAliveIntervalMs: 0,
    tls: { ...certs.controller, caFile: certs.caFile, requireClientCert: true },
  });
  await server.start();
  const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], requestTimeoutMs: 5_000, queryProtocolOnContact: false });
  cleanups.push(() => server.stop(), () => controller.close());
  return { server, controller };
}

function simAgent(endpointId: string, url: string, certificate = certs.agents[endpointId]!): SimAgent {
  const link = websocketAgentLink(endpointId, url, { caFile: certs.caFile, ...certificate });
  const sim = new SimAgent({ endpointId, controllerId: CONTROLLER_ID, transport: link.transport, mtp: link.mtp, tickMs: 0 });
  cleanups.push(() => sim.stop());
  return sim;
}

describe('wss:// with bench CA certificates', () => {
  it('serves an agent with its own certificate, and shows the TLS state of its link', async () => {
    const { server, controller } = await wssController();
    const sim = simAgent(AGENT_ID, `wss://localhost:${server.port}/usp`);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === AGENT_ID && c.online);
    await sim.start();
    await online;
    const get = await controller.get(AGENT_ID, ['Device.LocalAgent.EndpointID']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.EndpointID).toBe(AGENT_ID);

    const { links, lastRefusal } = controller.linkSecurity(AGENT_ID);
    expect(lastRefusal).toBeNull();
    const tls = links.get('wss');
    expect(tls).toMatchObject({ authorized: true, peerIsEndpoint: true, authorizationError: null });
    expect(tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(tls?.cipher).toBeTruthy();
    expect(tls?.peer).toMatchObject({ subject: `CN=${AGENT_ID}, O=USP Console bench`, issuer: 'CN=USP Console bench CA, O=USP Console', endpointIds: [AGENT_ID] });
    expect(tls?.peer?.subjectAltNames).toContainEqual({ type: 'URI', value: `urn:bbf:usp:id:${AGENT_ID}` });
    expect(Date.parse(tls?.peer?.validTo ?? '')).toBeGreaterThan(Date.now());
  });

  it('refuses an upgrade whose eid is not the Endpoint ID in the client certificate', async () => {
    const { server, controller } = await wssController();
    const impostor = new WsClientTransport({ id: 'impostor', url: `wss://127.0.0.1:${server.port}/usp`, endpointId: AGENT_ID, keepAliveIntervalMs: 0, tls: { caFile: certs.caFile, ...certs.agents[OTHER_ID]! } });
    cleanups.push(() => impostor.stop());
    const refused = waitForEvent(server, 'warning', (w) => w.includes('does not match the client certificate'));
    await expect(impostor.start()).rejects.toThrow('HTTP 403');
    expect((await refused)[0]).toContain(`eid "${AGENT_ID}" does not match the client certificate: from_id "${AGENT_ID}" is not the Endpoint ID in the peer's certificate ("${OTHER_ID}"`);
    expect(controller.agent(AGENT_ID)).toBeUndefined();
  });

  it('refuses Records whose from_id is not the Endpoint ID in the certificate, and says why on the agent', async () => {
    const { server, controller } = await wssController();
    // A connection without eid: only the Records say who is talking.
    const socket = new WebSocket(`wss://localhost:${server.port}/usp`, 'v1.usp', { ca: await readFile(certs.caFile), cert: await readFile(certs.agents[OTHER_ID]!.certFile), key: await readFile(certs.agents[OTHER_ID]!.keyFile) });
    cleanups.push(() => socket.terminate());
    await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
    const dropped = waitForEvent(controller, 'recordDropped', (d) => d.endpointId === AGENT_ID);
    const warned = waitForEvent(controller, 'warning', (w) => w.endpointId === AGENT_ID);
    socket.send(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: AGENT_ID }));
    const [drop] = await dropped;
    expect(drop.reason).toBe(`certificate mismatch: from_id "${AGENT_ID}" is not the Endpoint ID in the peer's certificate ("${OTHER_ID}"; R-SEC.10a) (certificate subject "CN=${OTHER_ID}, O=USP Console bench")`);
    expect((await warned)[0].message).toBe(`refused a Record: ${drop.reason}`);
    expect(controller.agent(AGENT_ID)).toBeUndefined();
    expect(controller.linkSecurity(AGENT_ID).lastRefusal).toMatchObject({ transportId: 'wss', reason: drop.reason });

    // The same connection speaking as the certificate's own Endpoint ID is served.
    const seen = waitForEvent(controller, 'agentSeen', (a) => a.endpointId === OTHER_ID);
    socket.send(buildConnectRecord('websocket', { toId: CONTROLLER_ID, fromId: OTHER_ID }));
    await seen;
    expect(controller.linkSecurity(OTHER_ID).links.get('wss')?.peer?.endpointIds).toEqual([OTHER_ID]);
  });

  it('refuses an agent without a client certificate at the TLS handshake', async () => {
    const { server } = await wssController();
    const anonymous = new WsClientTransport({ id: 'anonymous', url: `wss://localhost:${server.port}/usp`, endpointId: AGENT_ID, keepAliveIntervalMs: 0, tls: { caFile: certs.caFile } });
    cleanups.push(() => anonymous.stop());
    await expect(anonymous.start()).rejects.toMatchObject({ name: 'TransportError' });
  });

  it('dials an agent\'s wss:// server, checks its host name and its certificate\'s Endpoint ID', async () => {
    const agentServer = new WsServerTransport({ id: 'agent-server', host: '127.0.0.1', port: await freePort(), endpointId: AGENT_ID, keepAliveIntervalMs: 0, tls: { ...certs.agents[AGENT_ID]!, caFile: certs.caFile, requireClientCert: true } });
    await agentServer.start();
    cleanups.push(() => agentServer.stop());
    new RawAgent(AGENT_ID, CONTROLLER_ID, agentServer, agentServer.addressFor('unused'), cannedAnswer);
    const dialer = new WsClientTransport({ id: 'dialer', url: `wss://localhost:${agentServer.port}/usp`, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0, tls: { caFile: certs.caFile, ...certs.controller } });
    const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [dialer], requestTimeoutMs: 5_000, queryProtocolOnContact: false });
    cleanups.push(() => dialer.stop(), () => controller.close());
    await dialer.start();
    controller.addAgent(AGENT_ID, dialer.peerAddress);
    const get = await controller.get(AGENT_ID, ['Device.DeviceInfo.']);
    expect(get.requestedPaths[0]?.resolved[0]?.params.ModelName).toBe('RawAgent');
    expect(controller.linkSecurity(AGENT_ID).links.get('dialer')).toMatchObject({ authorized: true, peerIsEndpoint: true, peer: { endpointIds: [AGENT_ID] } });

    // Server name check: a certificate valid only for another host name is refused.
    const elsewhere = await new BenchCa(certsDir).issue({ endpointId: AGENT_ID, dnsNames: ['agent.example'], ipAddresses: [], days: 1 });
    const strictServer = new WsServerTransport({ id: 'strict', host: '127.0.0.1', port: await freePort(), endpointId: AGENT_ID, keepAliveIntervalMs: 0, tls: { certFile: elsewhere.certFile, keyFile: elsewhere.keyFile } });
    await strictServer.start();
    cleanups.push(() => strictServer.stop());
    const misnamed = new WsClientTransport({ id: 'misnamed', url: `wss://localhost:${strictServer.port}/usp`, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0, tls: { caFile: certs.caFile } });
    cleanups.push(() => misnamed.stop());
    await expect(misnamed.start()).rejects.toThrow(/Hostname\/IP does not match certificate's altnames/);
    // …unless told the name the certificate carries.
    const named = new WsClientTransport({ id: 'named', url: `wss://127.0.0.1:${strictServer.port}/usp`, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0, tls: { caFile: certs.caFile, serverName: 'agent.example' } });
    cleanups.push(() => named.stop());
    await named.start();
    expect(named.tlsState?.peer?.subjectAltNames).toContainEqual({ type: 'DNS', value: 'agent.example' });
  });
});
