import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('PendingRequests timeouts on a fake clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is not expired at timeout - 1 ms and is expired at the timeout', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const timedOut: string[] = [];
    const settled: unknown[] = [];
    pending.add(request('agent-a', 'm1', wsA, 30_000), (r) => timedOut.push(r.msgId)).then(
      (msg) => settled.push(msg),
      (error: unknown) => settled.push(error),
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(timedOut).toEqual([]);
    expect(settled).toEqual([]);
    expect(pending.peek('agent-a', 'm1')).toBeDefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(timedOut).toEqual(['m1']);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toBeInstanceOf(RequestTimeoutError);
    expect(settled[0]).toMatchObject({ endpointId: 'agent-a', msgId: 'm1', timeoutMs: 30_000 });
    expect(pending.size).toBe(0);
    expect(pending.peek('agent-a', 'm1')).toBeUndefined();
  });

  it('times each request from its own start', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const timedOut: string[] = [];
    void pending.add(request('agent-a', 'short', wsA, 1_000), (r) => timedOut.push(r.msgId)).catch(() => {});
    void pending.add(request('agent-a', 'long', wsA, 5_000), (r) => timedOut.push(r.msgId)).catch(() => {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timedOut).toEqual(['short']);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(timedOut).toEqual(['short']);
    await vi.advanceTimersByTimeAsync(1);
    expect(timedOut).toEqual(['short', 'long']);
  });

  it('stops the clock of a request once it is answered or failed', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const timedOut: string[] = [];
    const answered = pending.add(request('agent-a', 'ok', wsA, 1_000), (r) => timedOut.push(r.msgId));
    const failed = pending.add(request('agent-a', 'err', wsA, 1_000), (r) => timedOut.push(r.msgId)).catch((e: Error) => e.message);
    const closed = pending.add(request('agent-b', 'gone', mqtt, 1_000), (r) => timedOut.push(r.msgId)).catch((e: Error) => e.message);
    expect(pending.resolve('agent-a', 'ok', reply)).toBe(true);
    expect(pending.reject('agent-a', 'err', new Error('7002 refused'))).toBe(true);
    expect(pending.reject('agent-a', 'err', new Error('again'))).toBe(false);
    expect(pending.rejectWhere((r) => r.endpointId === 'agent-b', () => new Error('closed'))).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(timedOut).toEqual([]);
    await expect(answered).resolves.toBe(reply);
    expect(await failed).toBe('7002 refused');
    expect(await closed).toBe('closed');
  });

  it('lets a timed-out msg_id be used again', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const first = pending.add(request('agent-a', 'm1', wsA, 10), () => {}).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toBeInstanceOf(RequestTimeoutError);
    const second = pending.add(request('agent-a', 'm1', wsA, 10), () => {});
    expect(pending.resolve('agent-a', 'm1', reply)).toBe(true);
    await expect(second).resolves.toBe(reply);
  });
});
