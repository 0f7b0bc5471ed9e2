import { WebSocket, WebSocketServer, type RawData } from 'ws';

export type RelayDirection = 'toServer' | 'toClient';

/** Decides what happens to one frame: the frames to forward now (none = dropped or held back). */
export type RelayFilter = (direction: RelayDirection, frame: Buffer) => Buffer[];

export interface WsRelay {
  /** ws://127.0.0.1:PORT: clients connect here with the path and query they would use on the server. */
  url: string;
  /** Replaces the filter; the default forwards every frame unchanged. */
  setFilter(filter: RelayFilter): void;
  stop(): Promise<void>;
}

/**
 * A WebSocket peer in the middle, for tests of a flaky network: every connection to it opens one to
 * `target` (same path, query and subprotocol) and frames pass through the filter, in order, both ways.
 */
export async function startWsRelay(target: string): Promise<WsRelay> {
  let filter: RelayFilter = (_d, frame) => [frame];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => [...protocols][0] ?? false });
  server.on('connection', (client, request) => {
    const upstream = new WebSocket(`${target}${request.url ?? ''}`, client.protocol ? [client.protocol] : []);
    const early: Buffer[] = [];
    const toBuffer = (data: RawData) => (Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]));
    upstream.on('open', () => {
      for (const frame of early.splice(0)) upstream.send(frame);
    });
    client.on('message', (data) => {
      for (const frame of filter('toServer', toBuffer(data))) {
        if (upstream.readyState === WebSocket.OPEN) upstream.send(frame);
        else early.push(frame);
      }
    });
    upstream.on('message', (data) => {
      for (const frame of filter('toClient', toBuffer(data))) if (client.readyState === WebSocket.OPEN) client.send(frame);
    });
    const closeBoth = () => {
      client.terminate();
      upstream.terminate();
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    setFilter: (f) => {
      filter = f;
    },
    stop: async () => {
      for (const c of server.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
