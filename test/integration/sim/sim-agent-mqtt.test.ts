import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { buildAdd, buildGet, buildGetInstances, buildNotifyResp, buildOperate, buildSet, parseAddResp, parseGetInstancesResp, parseGetResp, parseNotify } from '../../../src/main/usp/messages';
import { buildMsgRecord, parseRecord, type ParsedRecord } from '../../../src/main/usp/record';
import { startMosquitto, waitUntil, type MosquittoBroker } from '../../helpers';

const CONTROLLER = 'self::bare-controller';
const CONTROLLER_TOPIC = 'usp/controller/bare';

/** A bare MQTT client acting as controller: records every Record published to its topic. */
class BareController {
  readonly received: { topic: string; parsed: ParsedRecord }[] = [];
  private constructor(readonly client: MqttClient) {}

  static async connect(url: string, protocolVersion: 4 | 5): Promise<BareController> {
    const client = await connectAsync(url, { protocolVersion, clientId: `bare-${protocolVersion}-${Date.now()}` });
    const bare = new BareController(client);
    client.on('message', (topic, payload) => bare.received.push({ topic, parsed: parseRecord(new Uint8Array(payload)) }));
    await client.subscribeAsync(protocolVersion === 5 ? CONTROLLER_TOPIC : `${CONTROLLER_TOPIC}/#`);
    return bare;
  }

  async send(agentId: string, agentTopic: string, msg: Parameters<typeof buildMsgRecord>[0]['msg'], v5: boolean): Promise<void> {
    const bytes = Buffer.from(buildMsgRecord({ toId: agentId, fromId: CONTROLLER, msg }));
    if (v5) await this.client.publishAsync(agentTopic, bytes, { properties: { responseTopic: CONTROLLER_TOPIC, contentType: 'usp.msg' } });
    else await this.client.publishAsync(`${agentTopic}/reply-to=${encodeURIComponent(CONTROLLER_TOPIC)}`, bytes);
  }

  async reply(msgId: string, predicate: (r: ParsedRecord) => boolean = () => true): Promise<ParsedRecord> {
    let found: ParsedRecord | undefined;
    await waitUntil(() => {
      found = this.received.find((r) => r.parsed.msg?.header?.msg_id === msgId && predicate(r.parsed))?.parsed;
      return found !== undefined;
    }, `a reply to ${msgId}`);
    if (!found) throw new Error('unreachable');
    return found;
  }
}

function agentOver(url: string, id: string, version: '3.1.1' | '5', tickMs = 1000): SimAgent {
  const agentTopic = `usp/agent/${id}`;
  const transport = new MqttTransport({
    id: `sim-${id}`,
    url,
    clientId: '',
    protocolVersion: version === '5' ? 5 : 4,
    subscriptions: [version === '5' ? agentTopic : `${agentTopic}/#`],
    replyTopic: agentTopic,
    endpointId: `proto::${id}`,
  });
  return new SimAgent({
    endpointId: `proto::${id}`,
    controllerId: CONTROLLER,
    transport,
    mtp: { kind: 'mqtt', controllerTopic: CONTROLLER_TOPIC, agentTopic, version },
    notifRetryMinWaitMs: 150,
    asyncCommandMs: 50,
    tickMs,
    restartDelayMs: 20,
  });
}

describe('simulated agent over Mosquitto', () => {
  let broker: MosquittoBroker;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('sends its MQTTConnectRecord and OnBoardRequest, then answers a Get from a bare MQTT 5 client', async () => {
    const bare = await BareController.connect(broker.url, 5);
    cleanup.push(() => bare.client.endAsync());
    const agent = agentOver(broker.url, 'sim-a', '5');
    cleanup.push(() => agent.stop());
    await agent.start();

    await waitUntil(() => bare.received.length >= 2, 'connect record and OnBoardRequest');
    const [connect, onboard] = bare.received;
    expect(connect?.parsed.record.mqtt_connect?.subscribed_topic).toBe('usp/agent/sim-a');
    expect(connect?.parsed.record.version).toBe('1.3');
    const onboardNotify = parseNotify(onboard?.parsed.msg ?? {});
    expect(onboardNotify.sendResp).toBe(true);
    expect(onboardNotify.notification).toMatchObject({ kind: 'on_board_req', oui: '0C1A2B', agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3' });

    await bare.send('proto::sim-a', 'usp/agent/sim-a', buildGet('get-1', ['Device.DeviceInfo.ModelName', 'Device.Bogus.']), true);
    const resp = parseGetResp((await bare.reply('get-1')).msg ?? {});
    expect(resp.requestedPaths[0]?.resolved[0]).toEqual({ path: 'Device.DeviceInfo.', params: { ModelName: 'HGW-5400AX' } });
    expect(resp.requestedPaths[1]?.errCode).toBe(7026);
  });

  it('retries OnBoardRequest with the same msg_id until NotifyResp', async () => {
    const bare = await BareController.connect(broker.url, 5);
    cleanup.push(() => bare.client.endAsync());
    const agent = agentOver(broker.url, 'sim-b', '5');
    cleanup.push(() => agent.stop());
    await agent.start();
    const onboards = () => bare.received.filter((r) => r.parsed.msg?.body?.request?.notify?.on_board_req);
    await waitUntil(() => onboards().length >= 2, 'a retried OnBoardRequest');
    const ids = new Set(onboards().map((r) => r.parsed.msg?.header?.msg_id));
    expect(ids.size).toBe(1);
    const [msgId] = [...ids];
    await bare.send('proto::sim-b', 'usp/agent/sim-b', buildNotifyResp(msgId ?? '', ''), true);
    await waitUntil(() => agent.unacknowledgedNotifications.length === 0, 'the retry to stop');
  });

  it('notifies a ValueChange subscription with send_resp when NotifRetry is set', async () => {
    const bare = await BareController.connect(broker.url, 5);
    cleanup.push(() => bare.client.endAsync());
    const agent = agentOver(broker.url, 'sim-c', '5');
    cleanup.push(() => agent.stop());
    await agent.start();
    await bare.send(
      'proto::sim-c',
      'usp/agent/sim-c',
      buildAdd('add-1', {
        allowPartial: false,
        createObjs: [
          {
            objPath: 'Device.LocalAgent.Subscription.',
            params: [
              { param: 'Enable', value: 'true' },
              { param: 'ID', value: 'vc-1' },
              { param: 'NotifType', value: 'ValueChange' },
              { param: 'ReferenceList', value: 'Device.DeviceInfo.FriendlyName' },
              { param: 'NotifRetry', value: 'true' },
            ],
          },
        ],
      }),
      true,
    );
    const added = parseAddResp((await bare.reply('add-1')).msg ?? {});
    expect(added.createdObjs[0]).toMatchObject({ ok: true, instantiatedPath: 'Device.LocalAgent.Subscription.1.' });
    await bare.send(
      'proto::sim-c',
      'usp/agent/sim-c',
      buildSet('set-1', { allowPartial: false, updateObjs: [{ objPath: 'Device.DeviceInfo.', params: [{ param: 'FriendlyName', value: 'Kitchen' }] }] }),
      true,
    );
    await bare.reply('set-1');
    await waitUntil(() => bare.received.some((r) => r.parsed.msg?.body?.request?.notify?.value_change), 'the ValueChange Notify');
    const notify = parseNotify(bare.received.find((r) => r.parsed.msg?.body?.request?.notify?.value_change)?.parsed.msg ?? {});
    expect(notify).toMatchObject({ subscriptionId: 'vc-1', sendResp: true, notification: { kind: 'value_change', paramPath: 'Device.DeviceInfo.FriendlyName', paramValue: 'Kitchen' } });
    expect(notify.msgId).toMatch(/^ValueChange-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-\d+$/);
  });

  it('answers MQTT 3.1.1 requests on their /reply-to= topic and ignores Records for other agents', async () => {
    const bare = await BareController.connect(broker.url, 4);
    cleanup.push(() => bare.client.endAsync());
    const agent = agentOver(broker.url, 'sim-d', '3.1.1');
    cleanup.push(() => agent.stop());
    const warnings: string[] = [];
    agent.on('warning', (w) => warnings.push(w));
    await agent.start();
    await bare.send('proto::someone-else', 'usp/agent/sim-d', buildGet('get-x', ['Device.']), false);
    await bare.send('proto::sim-d', 'usp/agent/sim-d', buildGet('get-2', ['Device.DeviceInfo.SerialNumber']), false);
    const reply = await bare.reply('get-2');
    const topic = bare.received.find((r) => r.parsed.msg?.header?.msg_id === 'get-2')?.topic;
    expect(topic).toBe(`${CONTROLLER_TOPIC}/reply-to=usp%2Fagent%2Fsim-d`);
    expect(parseGetResp(reply.msg ?? {}).requestedPaths[0]?.resolved[0]?.params.SerialNumber).toMatch(/^[0-9A-F]{12}$/);
    expect(bare.received.some((r) => r.parsed.msg?.header?.msg_id === 'get-x')).toBe(false);
    expect(warnings.some((w) => w.includes('proto::someone-else'))).toBe(true);
  });

  it('reports growing counters and Periodic!, reboots on Device.Reboot() and reports Boot! with the command key', async () => {
    const bare = await BareController.connect(broker.url, 5);
    cleanup.push(() => bare.client.endAsync());
    const agent = agentOver(broker.url, 'sim-e', '5', 50);
    cleanup.push(() => agent.stop());
    await agent.start();
    const send = (msg: Parameters<typeof buildMsgRecord>[0]['msg']) => bare.send('proto::sim-e', 'usp/agent/sim-e', msg, true);
    const subscription = (id: string, type: string, ref: string, persistent: boolean) => ({
      objPath: 'Device.LocalAgent.Subscription.',
      params: [
        { param: 'Enable', value: 'true' },
        { param: 'ID', value: id },
        { param: 'NotifType', value: type },
        { param: 'ReferenceList', value: ref },
        { param: 'Persistent', value: String(persistent) },
      ],
    });
    await send(
      buildAdd('subs', {
        allowPartial: false,
        createObjs: [
          subscription('boot', 'Event', 'Device.Boot!', true),
          subscription('periodic', 'Event', 'Device.LocalAgent.Periodic!', true),
          subscription('bytes', 'ValueChange', 'Device.WiFi.SSID.1.Stats.BytesSent', false),
        ],
      }),
    );
    await bare.reply('subs');
    await send(buildSet('interval', { allowPartial: false, updateObjs: [{ objPath: 'Device.LocalAgent.Controller.1.', params: [{ param: 'PeriodicNotifInterval', value: '1' }] }] }));
    await bare.reply('interval');
    const notifies = () => bare.received.flatMap((r) => (r.parsed.msg?.body?.request?.notify ? [parseNotify(r.parsed.msg)] : []));
    await waitUntil(() => notifies().some((n) => n.subscriptionId === 'bytes'), 'a ValueChange of the live counter');
    await waitUntil(() => notifies().some((n) => n.subscriptionId === 'periodic'), 'Periodic!', 5_000);
    const connects = () => bare.received.filter((r) => r.parsed.record.mqtt_connect).length;
    expect(connects()).toBe(1);

    await send(buildOperate('reboot', { command: 'Device.Reboot()', commandKey: 'rb-1', sendResp: true, inputArgs: {} }));
    await bare.reply('reboot');
    await waitUntil(() => notifies().some((n) => n.notification.kind === 'event' && n.notification.eventName === 'Boot!'), 'Boot! after the reboot');
    expect(connects()).toBe(2);
    const boot = notifies().find((n) => n.notification.kind === 'event' && n.notification.eventName === 'Boot!');
    expect(boot?.notification).toMatchObject({ objPath: 'Device.', params: { CommandKey: 'rb-1', Cause: 'RemoteReboot', Reason: 'Unknown', FirmwareUpdated: 'false' } });
    await send(buildGetInstances('after', { objPaths: ['Device.LocalAgent.Subscription.'], firstLevelOnly: true }));
    const instances = parseGetInstancesResp((await bare.reply('after')).msg ?? {});
    expect(instances.requestedPaths[0]?.instances.map((i) => i.uniqueKeys.ID)).toEqual(['boot', 'periodic']);
  });
});
