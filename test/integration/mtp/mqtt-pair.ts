import { MqttTransport } from '../../../src/main/mtp/mqtt/mqtt-transport';
import { startMosquitto, type MosquittoBroker } from '../../helpers';
import type { TransportPair } from './transport-contract';

export const CONTROLLER_TOPIC = 'usp/controller/usp-console';

/** The MQTT binding (one private Mosquitto per suite) in the given protocol version. */
export function mqttPair(protocolVersion: 4 | 5): TransportPair {
  let broker: MosquittoBroker | undefined;
  const url = (): string => {
    if (broker === undefined) throw new Error('broker not started');
    return broker.url;
  };
  return {
    name: protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1',
    connectionOriented: false,
    setup: async () => {
      broker = await startMosquitto();
    },
    teardown: async () => {
      await broker?.stop();
    },
    createController: async () => {
      const controller = new MqttTransport({
        id: 'mqtt-controller',
        url: url(),
        clientId: `controller-v${protocolVersion}`,
        protocolVersion,
        endpointId: 'self::usp-console',
        // 3.1.1 agents publish to <topic>/reply-to=…, so the wildcard is needed there.
        subscriptions: [CONTROLLER_TOPIC, `${CONTROLLER_TOPIC}/#`],
        replyTopic: CONTROLLER_TOPIC,
        reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      });
      await controller.start();
      return controller;
    },
    createAgent: async (_controller, index) => {
      const agentTopic = `usp/agent/contract-${index}`;
      const agent = new MqttTransport({
        id: `mqtt-agent-${index}`,
        url: url(),
        clientId: `agent-${index}-v${protocolVersion}`,
        protocolVersion,
        endpointId: `proto::contract-agent-${index}`,
        subscriptions: [agentTopic, `${agentTopic}/#`],
        replyTopic: agentTopic,
        qos: 1,
        reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      });
      await agent.start();
      return { transport: agent, controller: agent.addressFor(CONTROLLER_TOPIC), expectedReplyTarget: agentTopic };
    },
    restartLink: async () => {
      await broker?.restart();
    },
  };
}
