import { join } from 'node:path';
import { UdsClientTransport } from '../../../src/main/mtp/uds/uds-client-transport';
import { UdsServerTransport } from '../../../src/main/mtp/uds/uds-server-transport';
import type { Transport } from '../../../src/main/mtp/transport';
import { tempDir } from '../../helpers';
import { describeTransportContract } from './transport-contract';

const MAX = 2 * 1024 * 1024;
let path = '';

describeTransportContract({
  name: 'Unix domain socket server ↔ client',
  connectionOriented: true,
  controllerMaxMessageBytes: MAX,
  setup: async () => {
    path = join(await tempDir('usp-uds-'), 'controller.sock');
  },
  createController: async () => {
    const server = new UdsServerTransport({ id: 'uds-server', path, endpointId: 'self::usp-console', maxFrameBytes: MAX });
    await server.start();
    return server;
  },
  createAgent: async (_controller: Transport, index: number) => {
    const client = new UdsClientTransport({
      id: `uds-agent-${index}`,
      path,
      endpointId: `proto::contract-agent-${index}`,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      maxFrameBytes: MAX,
    });
    await client.start();
    return { transport: client, controller: client.peerAddress };
  },
  restartLink: async (controller: Transport) => {
    await controller.stop();
    await controller.start();
  },
});
