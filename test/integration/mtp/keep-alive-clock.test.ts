import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startKeepAlive } from '../../../src/main/mtp/websocket/keep-alive';
import { waitUntil } from '../../helpers/events';

// R-WS.13/17/18 keep-alive on a fake clock: only setInterval is faked, so the Pings and Pongs
// still cross a real loopback WebSocket, and each round waits for the frame it caused.
interface Pair {
  server: WebSocket;
  client: WebSocket;
  pings: () => number;
  pongs: () => number;
  close(): Promise<void>;
}

async function pair(autoPong: boolean): Promise<Pair> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { autoPong });
  await new Promise<void>((resolve, reject) => client.once('open', () => resolve()).once('error', reject));
  const server = await accepted;
  let pings = 0;
  let pongs = 0;
  client.on('ping', () => (pings += 1));
  server.on('pong', () => (pongs += 1));
  return {
    server,
    client,
    pings: () => pings,
    pongs: () => pongs,
    close: async () => {
      client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const open: Pair[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const p of open.splice(0)) await p.close();
});

async function setup(autoPong: boolean): Promise<Pair> {
  const p = await pair(autoPong);
  open.push(p);
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  return p;
}

describe('WebSocket keep-alive on a fake clock', () => {
  it('pings every interval and declares the peer dead after more than maxMissed silent rounds, once', async () => {
    const p = await setup(false);
    const dead: string[] = [];
    startKeepAlive(p.server, 1000, 2, (reason) => dead.push(reason));
    vi.advanceTimersByTime(999);
    expect(p.pings()).toBe(0);
    for (let round = 1; round <= 3; round++) {
      vi.advanceTimersByTime(round === 1 ? 1 : 1000);
      await waitUntil(() => p.pings() === round, `ping ${round}`);
    }
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(999);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(dead).toEqual(['dead peer: 3 pings unanswered within 1000 ms each']);
    vi.advanceTimersByTime(10_000);
    expect(dead).toHaveLength(1);
    expect(p.pings()).toBe(3);
  });

  it('keeps a peer that answers with Pongs', async () => {
    const p = await setup(true);
    const dead: string[] = [];
    startKeepAlive(p.server, 1000, 1, (reason) => dead.push(reason));
    for (let round = 1; round <= 6; round++) {
      vi.advanceTimersByTime(1000);
      await waitUntil(() => p.pongs() === round, `pong ${round}`);
    }
    expect(dead).toEqual([]);
  });

  it('does not count data messages as a sign of life: only a Pong shows the peer reads', async () => {
    const p = await setup(false);
    const dead: string[] = [];
    let messages = 0;
    p.server.on('message', () => (messages += 1));
    startKeepAlive(p.server, 1000, 1, (reason) => dead.push(reason));
    for (let round = 1; round <= 2; round++) {
      vi.advanceTimersByTime(1000);
      await waitUntil(() => p.pings() === round, `ping ${round}`);
      p.client.send(Buffer.from([round]));
      await waitUntil(() => messages === round, `message ${round}`);
    }
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(dead).toEqual(['dead peer: 2 pings unanswered within 1000 ms each']);
  });

  it('stops pinging when stopped, and never starts with a zero interval', async () => {
    const p = await setup(false);
    const dead: string[] = [];
    const stop = startKeepAlive(p.server, 1000, 0, (reason) => dead.push(reason));
    vi.advanceTimersByTime(1000);
    await waitUntil(() => p.pings() === 1, 'the first ping');
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(dead).toEqual([]);
    startKeepAlive(p.server, 0, 0, (reason) => dead.push(reason));
    expect(vi.getTimerCount()).toBe(0);
  });
});
