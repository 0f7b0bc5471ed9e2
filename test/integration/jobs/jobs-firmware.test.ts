import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app/create-app';
import { SimFaults, type FaultRates } from '../../../src/main/sim/faults';
import type { SimFleet } from '../../../src/main/sim/sim-fleet';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import { collectWarnings, startMosquitto, waitForEvent, type MosquittoBroker } from '../../helpers';
import { CONTROLLER_TOPIC, startAgents, startConsole } from './jobs-fleet';

const IMAGE = Buffer.from('HGW5400 firmware 3.3.0 '.repeat(200));
const SHA256 = createHash('sha256').update(IMAGE).digest('hex');
const SOFTWARE_VERSION = 'Device.DeviceInfo.SoftwareVersion';

/** The fault each agent gets, by its number: 1 updates cleanly. */
const FAULTS_BY_AGENT: Record<number, FaultRates> = { 2: { download: 1 }, 3: { 'boot-old-image': 1 }, 4: { 'no-boot': 1 }, 5: { activate: 1 } };

let broker: MosquittoBroker;
let app: App;
const { warn, warnings } = collectWarnings();
let server: Server;
let imageUrl = '';
let fleet: SimFleet;
const links = new Map<string, string[]>();
const faults = new Map<number, SimFaults>();

beforeAll(async () => {
  broker = await startMosquitto();
  app = await startConsole(broker, warn);
  // The agents fetch the image from here (Download() with --fetch-firmware), with credentials.
  server = createServer((req, res) => {
    const authorized = req.headers.authorization === `Basic ${Buffer.from('fw:s3cret').toString('base64')}`;
    if (!authorized) res.writeHead(401).end();
    else if (req.url === '/images/hgw5400-3.3.0.img') res.writeHead(200).end(IMAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/images/hgw5400-3.3.0.img`;
  fleet = await startAgents(broker, app, 6, 'proto::fw-', {
    link: (id) => {
      const link = mqttAgentLink(id, { url: broker.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC });
      links.set(id, []);
      link.transport.on('link', (state, reason) => links.get(id)!.push(`${state} ${reason}`));
      return link;
    },
    agent: { asyncCommandMs: 50, restartDelayMs: 20, rebootDelayMs: 200, fetchFirmware: true },
    faults: (_id, i) => {
      faults.set(i, new SimFaults(FAULTS_BY_AGENT[i] ?? {}));
      return faults.get(i)!;
    },
  });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await app?.close();
  await broker?.stop();
  await new Promise((resolve) => server?.close(resolve));
  expect(warnings).toEqual([]);
});

const agent = (n: number) => fleet.agents.find((a) => a.endpointId === `proto::fw-${n}`)!;

describe('a firmware campaign against simulated agents with injected faults', () => {
  it('ends each agent with its precise outcome', async () => {
    const job = app.jobs.start({
      name: 'firmware 3.3.0',
      targets: { agents: [1, 2, 3, 4, 5].map((n) => `proto::fw-${n}`) },
      operation: {
        kind: 'firmware',
        url: imageUrl,
        username: 'fw',
        password: 's3cret',
        fileSize: IMAGE.length,
        checkSumAlgorithm: 'SHA-256',
        checkSum: SHA256,
        expectedVersion: '3.3.0',
        downloadTimeoutSeconds: 10,
        bootTimeoutSeconds: 3,
      },
      options: { canary: 0, failureThreshold: 100, timeoutSeconds: 2, retries: 0 },
    });
    const done = await app.jobs.whenSettled(job.id);
    expect(done).toMatchObject({ state: 'failed', counts: { succeeded: 1, failed: 4 } });
    const steps = new Map(app.jobs.get(job.id).steps.map((s) => [s.endpointId, s]));
    expect(steps.get('proto::fw-1')).toMatchObject({
      state: 'succeeded',
      errorCode: null,
      before: { [SOFTWARE_VERSION]: '3.2.1', 'Device.DeviceInfo.ActiveFirmwareImage': 'Device.DeviceInfo.FirmwareImage.1' },
      after: { [SOFTWARE_VERSION]: '3.3.0', 'Device.Boot!.Cause': 'RemoteReboot', 'Device.Boot!.FirmwareUpdated': 'true' },
    });
    expect(agent(1).model.get('Device.DeviceInfo.ActiveFirmwareImage')).toBe('Device.DeviceInfo.FirmwareImage.2');
    expect(steps.get('proto::fw-2')).toMatchObject({ state: 'failed', errorCode: 'download-failed', errorMessage: 'download failed (7022, simulated download failure (fault injection))' });
    expect(steps.get('proto::fw-3')).toMatchObject({
      state: 'failed',
      errorCode: 'old-image',
      errorMessage: 'rebooted into the old image (version 3.2.1): boot of hgw5400-3.3.0.img failed; rolled back to Device.DeviceInfo.FirmwareImage.1',
    });
    expect(steps.get('proto::fw-4')).toMatchObject({ state: 'failed', errorCode: 'no-boot', errorMessage: 'no Boot! within 3 s of Activate()' });
    expect(steps.get('proto::fw-5')).toMatchObject({ state: 'failed', errorCode: 'activation-failed', errorMessage: 'activation failed (7022, activating Device.DeviceInfo.FirmwareImage.2 failed)' });
    expect([1, 2, 3, 5].map((n) => agent(n).model.get(SOFTWARE_VERSION))).toEqual(['3.3.0', '3.2.1', '3.2.1', '3.2.1']);
    // The updated and the rolled-back agents went down and came back; the one with no-boot stayed down.
    const reconnect = ['down stopped', expect.stringMatching(/^connecting /), expect.stringMatching(/^up /)];
    for (const n of [1, 3]) expect(links.get(`proto::fw-${n}`)!.slice(-3), `agent ${n}`).toEqual(reconnect);
    expect(links.get('proto::fw-4')!.at(-1)).toBe('down stopped');

    // Run again: the updated agent is skipped, the rolled-back one keeps its downloaded image (no second Download()).
    faults.get(3)!.set({});
    const again = app.jobs.start({ ...app.jobs.get(job.id).file, targets: { agents: ['proto::fw-1', 'proto::fw-3'] } });
    expect(await app.jobs.whenSettled(again.id)).toMatchObject({ state: 'succeeded', counts: { skipped: 1, succeeded: 1 } });
    expect(agent(3).model.get(SOFTWARE_VERSION)).toBe('3.3.0');
  }, 30_000);

  it('Device.Reboot() drops the connection, opens it again and sends Boot! with its Cause and command key', async () => {
    const a = agent(6);
    await app.controller.createSubscription(a.endpointId, { notifType: 'Event', referenceList: ['Device.Boot!'], persistent: true });
    const seen = links.get(a.endpointId)!.length;
    const boot = waitForEvent(app.controller, 'notification', (n) => n.endpointId === a.endpointId && n.notification.kind === 'event' && n.notification.eventName === 'Boot!', 10_000);
    await app.usp.operate(a.endpointId, { command: 'Device.Reboot()', commandKey: 'reboot-fw-6', inputArgs: { Cause: 'LocalReboot', Reason: 'test' } });
    const [event] = await boot;
    expect(event.notification).toMatchObject({ objPath: 'Device.', params: { CommandKey: 'reboot-fw-6', Cause: 'LocalReboot', Reason: 'test', FirmwareUpdated: 'false' } });
    expect(links.get(a.endpointId)!.slice(seen)).toEqual(['down stopped', expect.stringMatching(/^connecting /), expect.stringMatching(/^up /)]);
    expect(await app.usp.get(a.endpointId, [SOFTWARE_VERSION])).toMatchObject({ requestedPaths: [{ errCode: 0 }] });
  }, 20_000);
});
