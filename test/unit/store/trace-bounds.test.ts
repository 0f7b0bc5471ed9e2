import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/store';
import type { NewTrace } from '../../../src/shared/model/events';
import { tempDir } from '../../helpers/temp-dir';

// Issue 9 finding 5: the trace cannot multiply disk use.
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function trace(bytes: Uint8Array, msgId: string | null = 'm-1'): NewTrace {
  return {
    endpointId: 'proto::a', direction: 'in', at: 1, transportId: 'ws', mtp: 'websocket', recordType: 'no_session_context', recordVersion: '1.3',
    fromId: 'proto::a', toId: 'self::c', msgId, msgType: 'NOTIFY', bytes, summary: 'notify', decodeError: null,
  };
}

describe('trace bounds', () => {
  it('keeps a bounded prefix of a big Record with its full size and hash, and cuts a huge msg_id', async () => {
    const store = Store.open(await tempDir(), { appVersion: 't', traceRecordPrefixBytes: 1024 });
    stores.push(store);
    const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const id = store.trace.add(trace(big, 'x'.repeat(5_000_000)));
    const row = store.trace.get(id)!;
    expect(row.bytes.byteLength).toBe(1024);
    expect(row.byteSize).toBe(100_000);
    expect(row.sha256).toBe(createHash('sha256').update(big).digest('hex'));
    expect(row.decodeError).toBe('only the first 1024 of 100000 bytes were kept');
    expect(row.msgId!.length).toBeLessThanOrEqual(257);
    const small = store.trace.get(store.trace.add(trace(new Uint8Array([1, 2, 3]))))!;
    expect([...small.bytes]).toEqual([1, 2, 3]);
    expect(small.decodeError).toBeNull();
  });

  it('holds at most the configured bytes, dropping the oldest rows first', async () => {
    const store = Store.open(await tempDir(), { appVersion: 't', traceRecordPrefixBytes: 4096, traceMaxBytes: 64 * 1024 });
    stores.push(store);
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push(store.trace.add(trace(new Uint8Array(4096).fill(i & 0xff), `m-${i}`)));
    expect(store.trace.bytesHeld).toBeLessThanOrEqual(64 * 1024);
    const held = (store.db.prepare('SELECT coalesce(sum(length(bytes)), 0) AS n FROM trace').get() as { n: number }).n;
    expect(held).toBe(store.trace.bytesHeld);
    expect(store.trace.get(ids[0]!)).toBeUndefined();
    expect(store.trace.get(ids[199]!)).toBeDefined();
  });
});

describe('trace bounds changed while running (Settings → retention)', () => {
  it('keeps the new prefix for later Records, drops the oldest at once for a smaller byte bound, and 0 lifts the bound', async () => {
    const store = Store.open(await tempDir(), { appVersion: 't' });
    stores.push(store);
    expect(store.trace.bounds).toEqual({ prefixBytes: 64 * 1024, maxBytes: 256 * 1024 * 1024 });
    const before = store.trace.get(store.trace.add(trace(new Uint8Array(8192), 'before')))!;
    expect(before.bytes.byteLength).toBe(8192);
    store.trace.setBounds({ prefixBytes: 1024 });
    const after = store.trace.get(store.trace.add(trace(new Uint8Array(8192), 'after')))!;
    expect([after.bytes.byteLength, after.byteSize]).toEqual([1024, 8192]);
    for (let i = 0; i < 40; i++) store.trace.add(trace(new Uint8Array(1024), `m-${i}`));
    expect(store.trace.bytesHeld).toBe(8192 + 1024 + 40 * 1024);
    store.trace.setBounds({ maxBytes: 16 * 1024 });
    expect(store.trace.bytesHeld).toBeLessThanOrEqual(16 * 1024);
    expect(store.trace.get(before.id)).toBeUndefined();
    store.trace.setBounds({ maxBytes: 0 });
    for (let i = 0; i < 40; i++) store.trace.add(trace(new Uint8Array(1024), `n-${i}`));
    expect(store.trace.bytesHeld).toBeGreaterThan(40 * 1024);
    expect(store.trace.bounds).toEqual({ prefixBytes: 1024, maxBytes: 0 });
    expect(() => store.trace.setBounds({ prefixBytes: 0 })).toThrow(RangeError);
  });

  it('drops the Records older than a time', async () => {
    const store = Store.open(await tempDir(), { appVersion: 't' });
    stores.push(store);
    store.trace.add({ ...trace(new Uint8Array(10), 'old'), at: 100 });
    const kept = store.trace.add({ ...trace(new Uint8Array(10), 'new'), at: 300 });
    expect(store.trace.pruneOlderThan(200)).toBe(1);
    expect(store.trace.query({}).map((r) => r.id)).toEqual([kept]);
    expect(store.trace.bytesHeld).toBe(10);
  });
});

describe('trace written behind', () => {
  it('writes the Records of one turn of the event loop together; reads, a restart and a full buffer see every one', async () => {
    const dir = await tempDir();
    const store = Store.open(dir, { appVersion: 't' });
    const rows = (): number => (store.db.prepare('SELECT count(*) AS n FROM trace').get() as { n: number }).n;
    const first = store.trace.add(trace(new Uint8Array([1]), 'm-1'));
    const second = store.trace.add({ ...trace(new Uint8Array([2]), 'm-1'), direction: 'out', at: 0 });
    expect(second).toBe(first + 1);
    expect(rows()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows()).toBe(2);
    // Not yet written, yet every read finds it (and the response finds its request for the latency).
    const out = store.trace.add({ ...trace(new Uint8Array([3]), 'm-2'), direction: 'out', at: 10 });
    const reply = store.trace.add({ ...trace(new Uint8Array([4]), 'm-2'), at: 25 });
    expect(store.trace.get(reply)).toMatchObject({ id: reply, latencyMs: 15 });
    expect(store.trace.query({ msgId: 'm-2' }).map((r) => r.id)).toEqual([reply, out]);
    for (let i = 0; i < 1_000; i++) store.trace.add(trace(new Uint8Array([i & 0xff]), `b-${i}`));
    expect(rows()).toBe(1_004);
    const last = store.trace.add(trace(new Uint8Array([9]), 'last'));
    store.close();
    const reopened = Store.open(dir, { appVersion: 't' });
    stores.push(reopened);
    expect(reopened.trace.get(last)?.msgId).toBe('last');
    expect(reopened.trace.add(trace(new Uint8Array([5]), 'next'))).toBe(last + 1);
  });
});
