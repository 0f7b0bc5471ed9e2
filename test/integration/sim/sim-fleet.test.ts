import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync } from 'mqtt';
import { SimFleet } from '../../../src/main/sim/sim-fleet';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import { buildGet, parseGetResp } from '../../../src/main/usp/messages';
import { buildMsgRecord, parseRecord } from '../../../src/main/usp/record';
import { startMosquitto, waitUntil, type MosquittoBroker } from '../../helpers';

const CONTROLLER = 'self::fleet-controller';
const CONTROLLER_TOPIC = 'usp/controller/fleet';

describe('a fleet of 1,000 simulated agents in one process', () => {
  let broker: MosquittoBroker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('starts 1,000 agents over MQTT, each with its own connection, and every one answers a Get', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const fleet = new SimFleet({
      count: 1000,
      idPrefix: 'proto::fleet-',
      controllerId: CONTROLLER,
      link: (id) => mqttAgentLink(id, { url: broker.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC }),
      agent: { onBoardRequest: false },
    });
    const ready: string[] = [];
    const controller = await connectAsync(broker.url, { protocolVersion: 5, clientId: 'fleet-controller' });
    const answered = new Set<string>();
    controller.on('message', (_topic, payload) => {
      const { record, msg } = parseRecord(new Uint8Array(payload));
      if (msg?.header?.msg_id === 'fleet-get' && parseGetResp(msg).requestedPaths[0]?.resolved[0]?.params.ModelName === 'HGW-5400AX') {
        answered.add(record.from_id);
      }
    });
    await controller.subscribeAsync(CONTROLLER_TOPIC);
    try {
      const started = Date.now();
      await fleet.start((agent) => ready.push(agent.endpointId));
      const startSeconds = (Date.now() - started) / 1000;
      expect(new Set(ready).size).toBe(1000);
      global.gc?.();
      const memory = process.memoryUsage();
      console.log(
        `1,000 agents started in ${startSeconds.toFixed(1)} s; heap +${((memory.heapUsed - heapBefore) / 1e6).toFixed(0)} MB, rss ${(memory.rss / 1e6).toFixed(0)} MB`,
      );
      const get = buildGet('fleet-get', ['Device.DeviceInfo.ModelName']);
      await Promise.all(
        fleet.agents.map((agent) =>
          controller.publishAsync(`usp/agent/${agent.endpointId.slice('proto::'.length)}`, Buffer.from(buildMsgRecord({ toId: agent.endpointId, fromId: CONTROLLER, msg: get })), {
            properties: { responseTopic: CONTROLLER_TOPIC, contentType: 'usp.msg' },
          }),
        ),
      );
      await waitUntil(() => answered.size === 1000, 'GetResp from all 1,000 agents', 30_000);
    } finally {
      await controller.endAsync();
      await fleet.stop();
    }
  }, 180_000);
});
