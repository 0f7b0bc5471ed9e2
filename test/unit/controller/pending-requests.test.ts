import { describe, expect, it } from 'vitest';
import { PendingRequests, type PendingRequest } from '../../../src/main/controller/pending-requests';
import { RequestTimeoutError } from '../../../src/main/controller/errors';
import { usp } from '../../../src/main/usp/generated/usp-proto.js';
import type { MtpAddress } from '../../../src/main/mtp/transport';

const wsA: MtpAddress = { transportId: 'ws', kind: 'websocket', target: 'conn-1' };
const mqtt: MtpAddress = { transportId: 'mqtt', kind: 'mqtt', target: 'usp/agent/b' };

function request(endpointId: string, msgId: string, address: MtpAddress, timeoutMs = 5_000): PendingRequest {
  return { endpointId, msgId, address, sentAt: Date.now(), timeoutMs };
}

const reply = usp.Msg.create({ header: { msg_id: 'x', msg_type: usp.Header.MsgType.GET_RESP } });

describe('PendingRequests', () => {
  it('settles a request only for the same sender and msg_id', async () => {
    const pending = new PendingRequests();
    const answer = pending.add(request('agent-a', 'm1', wsA), () => {});
    expect(pending.resolve('agent-b', 'm1', reply)).toBe(false);
    expect(pending.resolve('agent-a', 'm2', reply)).toBe(false);
    expect(pending.peek('agent-a', 'm1')?.address).toEqual(wsA);
    expect(pending.resolve('agent-a', 'm1', reply)).toBe(true);
    await expect(answer).resolves.toBe(reply);
    expect(pending.resolve('agent-a', 'm1', reply)).toBe(false);
    expect(pending.size).toBe(0);
  });

  it('times out with a RequestTimeoutError after calling onTimeout', async () => {
    const pending = new PendingRequests();
    const timedOut: string[] = [];
    const answer = pending.add(request('agent-a', 'm1', wsA, 20), (r) => timedOut.push(r.msgId));
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).msgId).toBe('m1');
    expect(timedOut).toEqual(['m1']);
    expect(pending.resolve('agent-a', 'm1', reply)).toBe(false);
  });

  it('rejects the requests that went out on a closed address and keeps the others', async () => {
    const pending = new PendingRequests();
    const onWs = pending.add(request('agent-a', 'm1', wsA), () => {});
    const onMqtt = pending.add(request('agent-b', 'm2', mqtt), () => {});
    const count = pending.rejectWhere(
      (r) => r.address.transportId === 'ws' && r.address.target === 'conn-1',
      (r) => new Error(`closed under ${r.msgId}`),
    );
    expect(count).toBe(1);
    await expect(onWs).rejects.toThrow('closed under m1');
    expect(pending.size).toBe(1);
    pending.resolve('agent-b', 'm2', reply);
    await expect(onMqtt).resolves.toBe(reply);
  });

  it('refuses a msg_id already pending for the same agent', () => {
    const pending = new PendingRequests();
    void pending.add(request('agent-a', 'm1', wsA), () => {}).catch(() => {});
    expect(() => pending.add(request('agent-a', 'm1', wsA), () => {})).toThrow(/already pending/);
    pending.rejectWhere(() => true, () => new Error('cleanup'));
  });
});
