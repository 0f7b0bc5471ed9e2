import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import type { Transport } from '../../../src/main/mtp/transport';
import { freePort } from '../../helpers';
import { describeTransportContract } from './transport-contract';

const MAX = 2 * 1024 * 1024;

describeTransportContract({
  name: 'WebSocket server ↔ WebSocket client',
  connectionOriented: true,
  controllerMaxMessageBytes: MAX,
  createController: async () => {
    const port = await freePort();
    const server = new WsServerTransport({ id: 'ws-server', host: '127.0.0.1', port, path: '/usp', maxMessageBytes: MAX });
    await server.start();
    return server;
  },
  createAgent: async (controller: Transport, index: number) => {
    const server = controller as WsServerTransport;
    const client = new WsClientTransport({
      id: `ws-agent-${index}`,
      url: `ws://127.0.0.1:${server.port}/usp`,
      endpointId: `proto::contract-agent-${index}`,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      maxMessageBytes: MAX,
    });
    await client.start();
    return { transport: client, controller: client.peerAddress };
  },
  restartLink: async (controller: Transport) => {
    // Same server, same port: the agents' clients must reconnect by themselves.
    await controller.stop();
    await controller.start();
  },
});
