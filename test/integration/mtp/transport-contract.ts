import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundRecord, MtpAddress, Transport } from '../../../src/main/mtp/transport';
import { collectEvents, waitForEvent, waitUntil } from '../../helpers';

/** An agent-side transport in the contract, and where it sends to reach the controller. */
export interface ContractAgent {
  transport: Transport;
  /** The controller as this agent addresses it (controller topic, destination, URL, socket). */
  controller: MtpAddress;
  /** The reply target the controller must see for this agent, when the binding makes it predictable (topic, destination). */
  expectedReplyTarget?: string;
}

/**
 * One MTP binding as the contract sees it: a controller-side transport and any number of
 * agent-side transports that reach it. Every factory returns STARTED transports.
 */
export interface TransportPair {
  name: string;
  /** Start brokers and the like, once per file. */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  createController(): Promise<Transport>;
  createAgent(controller: Transport, index: number): Promise<ContractAgent>;
  /** Takes the link between them down and up again (broker restart, server restart). */
  restartLink(controller: Transport): Promise<void>;
  /** WebSocket and UDS report peers opening and closing; broker bindings do not. */
  connectionOriented: boolean;
  /** When the controller side enforces a message size limit: that limit in bytes. */
  controllerMaxMessageBytes?: number;
}

/** Bytes with every octet value including runs of 0x00, so any text/NUL mangling shows. */
export function testRecord(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 7 === 0 ? 0 : (i * 31 + seed) & 0xff;
  return bytes;
}

/** The shared suite every transport pair must pass. */
export function describeTransportContract(pair: TransportPair): void {
  describe(`${pair.name} transport contract`, () => {
    const started: Transport[] = [];
    const track = <T extends Transport>(t: T): T => {
      started.push(t);
      return t;
    };
    const controllerOf = async (): Promise<Transport> => track(await pair.createController());
    const agentOf = async (controller: Transport, index: number): Promise<ContractAgent> => {
      const agent = await pair.createAgent(controller, index);
      track(agent.transport);
      return agent;
    };

    beforeAll(async () => {
      await pair.setup?.();
    });
    afterAll(async () => {
      await pair.teardown?.();
    });
    afterEach(async () => {
      for (const t of started.splice(0).reverse()) await t.stop();
    });

    /** Agent → controller, then controller → agent via the reply address; returns what the controller saw. */
    const roundTrip = async (controller: Transport, agent: ContractAgent, up: Uint8Array, down: Uint8Array): Promise<InboundRecord> => {
      const atController = waitForEvent(controller, 'record', (r) => sameBytes(r.bytes, up));
      await agent.transport.send(agent.controller, up);
      const [inbound] = await atController;
      expect(inbound.replyTo).not.toBeNull();
      const atAgent = waitForEvent(agent.transport, 'record', (r) => sameBytes(r.bytes, down));
      await controller.send(inbound.replyTo as MtpAddress, down);
      const [reply] = await atAgent;
      expect(reply.replyTo?.target).toBe(agent.controller.target);
      return inbound;
    };

    it('carries records both ways byte for byte, with 0x00 bytes, and gives the right reply addresses', async () => {
      const controller = await controllerOf();
      const agent = await agentOf(controller, 0);
      const up = testRecord(300, 1);
      const down = testRecord(257, 2);
      const all = collectEvents(controller, 'record');
      const atController = waitForEvent(controller, 'record', (r) => r.bytes.length === up.length);
      await agent.transport.send(agent.controller, up);
      const [inbound] = await atController;
      expect(Array.from(inbound.bytes)).toEqual(Array.from(up));
      expect(inbound.replyTo?.transportId).toBe(controller.id);
      expect(inbound.replyTo?.kind).toBe(controller.kind);
      if (agent.expectedReplyTarget !== undefined) expect(inbound.replyTo?.target).toBe(agent.expectedReplyTarget);
      expect(inbound.receivedAt).toBeGreaterThan(0);

      const atAgent = waitForEvent(agent.transport, 'record', (r) => r.bytes.length === down.length);
      await controller.send(inbound.replyTo as MtpAddress, down);
      const [reply] = await atAgent;
      expect(Array.from(reply.bytes)).toEqual(Array.from(down));
      expect(reply.replyTo).toEqual(agent.controller);
      // By the time the answer is back, a duplicate delivery would have arrived too.
      all.stop();
      expect(all.events).toHaveLength(1);
    });

    it('carries a large record intact', async () => {
      const controller = await controllerOf();
      const agent = await agentOf(controller, 0);
      await roundTrip(controller, agent, testRecord(1024 * 1024 + 3, 5), testRecord(700 * 1024, 6));
    });

    it('serves many agents through one controller endpoint and answers each one alone', async () => {
      const controller = await controllerOf();
      const agents = await Promise.all([0, 1, 2, 3, 4].map((i) => agentOf(controller, i)));
      const replyTargets = new Set<string>();
      for (const [i, agent] of agents.entries()) {
        const others = agents.filter((a) => a !== agent).map((a) => a.transport);
        const strays: InboundRecord[] = [];
        const onStray = (r: InboundRecord): void => void strays.push(r);
        for (const o of others) o.on('record', onStray);
        const inbound = await roundTrip(controller, agent, testRecord(40, 10 + i), testRecord(41, 20 + i));
        for (const o of others) o.off('record', onStray);
        expect(strays).toEqual([]);
        replyTargets.add((inbound.replyTo as MtpAddress).target);
      }
      expect(replyTargets.size).toBe(agents.length);
    });

    if (pair.connectionOriented) {
      it('rejects a send to an unknown connection with a TransportError', async () => {
        const controller = await controllerOf();
        await expect(controller.send(controller.addressFor('no-such-peer'), testRecord(10, 1))).rejects.toMatchObject({
          name: 'TransportError',
          transportId: controller.id,
        });
      });

      it('reports peers opening and closing', async () => {
        const controller = await controllerOf();
        const opened = waitForEvent(controller, 'peerOpened');
        const agent = await agentOf(controller, 0);
        const [address] = await opened;
        const inbound = await roundTrip(controller, agent, testRecord(20, 1), testRecord(20, 2));
        expect(inbound.replyTo).toEqual(address);
        const closed = waitForEvent(controller, 'peerClosed', (a) => a.target === address.target);
        await agent.transport.stop();
        const [, reason] = await closed;
        expect(reason.length).toBeGreaterThan(0);
        await expect(controller.send(address, testRecord(5, 1))).rejects.toMatchObject({ name: 'TransportError' });
      });
    }

    it('recovers when the link restarts mid-session: reconnects, resubscribes, and later sends succeed', async () => {
      const controller = await controllerOf();
      const agent = await agentOf(controller, 0);
      await roundTrip(controller, agent, testRecord(30, 1), testRecord(30, 2));
      const downs: string[] = [];
      agent.transport.on('link', (state, reason) => {
        if (state === 'down') downs.push(reason);
      });
      await pair.restartLink(controller);
      await waitUntil(() => downs.length > 0, 'the agent to notice the link going down', 30_000);
      await waitUntil(() => controller.linkState === 'up' && agent.transport.linkState === 'up', 'both links up again', 45_000);
      await roundTrip(controller, agent, testRecord(33, 3), testRecord(34, 4));
    });

    const maxBytes = pair.controllerMaxMessageBytes;
    if (maxBytes !== undefined) {
      it('refuses an oversized record and closes only that peer', async () => {
        const controller = await controllerOf();
        const good = await agentOf(controller, 0);
        const first = await roundTrip(controller, good, testRecord(10, 1), testRecord(10, 2));
        const bad = await agentOf(controller, 1);
        const badOpened = await roundTrip(controller, bad, testRecord(11, 1), testRecord(11, 2));
        const warned = waitForEvent(controller, 'warning');
        const closed = waitForEvent(controller, 'peerClosed', (a) => a.target === badOpened.replyTo?.target);
        const received: InboundRecord[] = [];
        controller.on('record', (r) => void received.push(r));
        await bad.transport.send(bad.controller, testRecord(maxBytes + 1, 3)).catch(() => undefined);
        await closed;
        await warned;
        expect(received.filter((r) => r.bytes.length > maxBytes)).toEqual([]);
        const again = await roundTrip(controller, good, testRecord(12, 5), testRecord(12, 6));
        expect(again.replyTo).toEqual(first.replyTo);
      });
    }
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
