import { StompTransport } from '../../../src/main/mtp/stomp/stomp-transport';
import { startRabbitStomp, type RabbitStompBroker } from '../../helpers';
import { describeTransportContract } from './transport-contract';

const CONTROLLER_DEST = '/queue/usp-console';
let broker: RabbitStompBroker | undefined;
const url = (): string => {
  if (broker === undefined) throw new Error('broker not started');
  return broker.url;
};

describeTransportContract({
  name: 'STOMP 1.2 (RabbitMQ)',
  connectionOriented: false,
  setup: async () => {
    broker = await startRabbitStomp();
  },
  teardown: async () => {
    await broker?.stop();
  },
  createController: async () => {
    const controller = new StompTransport({
      id: 'stomp-controller',
      url: url(),
      endpointId: 'self::usp-console',
      destination: CONTROLLER_DEST,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1000 },
    });
    await controller.start();
    return controller;
  },
  createAgent: async (_controller, index) => {
    const destination = `/queue/contract-agent-${index}`;
    const agent = new StompTransport({
      id: `stomp-agent-${index}`,
      url: url(),
      endpointId: `proto::contract-agent-${index}`,
      destination,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1000 },
    });
    await agent.start();
    return { transport: agent, controller: agent.addressFor(CONTROLLER_DEST), expectedReplyTarget: destination };
  },
  restartLink: async () => {
    await broker?.restart();
  },
});
