import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../../src/shared/console-api';
import {
  emptyTraceFilter, hexDump, matchesTraceFilter, mergeTraceRows, TracePairer,
} from '../../../src/renderer/features/inspector/inspector-model';

function row(id: number, direction: 'in' | 'out', msgType: string | null, msgId: string | null, at: number, agentId = 'a'): TraceRow {
  return {
    id, agentId, direction, at, mtp: 'websocket', recordKind: 'no_session_context', version: '1.3', fromId: 'x', toId: 'y',
    msgId, msgType, size: 10, summary: '', decodeError: null,
  };
}

describe('TracePairer', () => {
  it('pairs a request with its response or Error, by agent, msg_id and direction, with latency', () => {
    const p = new TracePairer();
    p.add([row(1, 'out', 'GET', 'g1', 100), row(2, 'out', 'SET', 's1', 110)]);
    p.add([row(3, 'in', 'GET_RESP', 'g1', 142), row(4, 'in', 'ERROR', 's1', 150)]);
    expect(p.pairOf(1)).toEqual({ otherId: 3, latencyMs: 42, role: 'request' });
    expect(p.pairOf(3)).toEqual({ otherId: 1, latencyMs: 42, role: 'response' });
    expect(p.pairOf(2)).toEqual({ otherId: 4, latencyMs: 40, role: 'request' });
  });

  it('pairs a Notify from the agent with our NotifyResp, even when the response row arrives first', () => {
    const p = new TracePairer();
    p.add([row(6, 'out', 'NOTIFY_RESP', 'n1', 205)]);
    p.add([row(5, 'in', 'NOTIFY', 'n1', 200)]);
    expect(p.pairOf(5)).toEqual({ otherId: 6, latencyMs: 5, role: 'request' });
  });

  it('does not pair across agents, mismatched types, same direction or connect records', () => {
    const p = new TracePairer();
    p.add([
      row(1, 'out', 'GET', 'm', 0, 'a'),
      row(2, 'in', 'GET_RESP', 'm', 1, 'b'),
      row(3, 'in', 'SET_RESP', 'm', 2, 'a'),
      row(4, 'out', 'GET_RESP', 'm', 3, 'a'),
      row(5, 'in', null, null, 4, 'a'),
    ]);
    expect(p.pairOf(1)).toBeUndefined();
    expect(p.pairOf(2)).toBeUndefined();
    expect(p.pairOf(5)).toBeUndefined();
  });
});

describe('hexDump', () => {
  it('prints offset, hex and printable ASCII', () => {
    expect(hexDump('48656c6c6f00')).toBe(`00000000  48 65 6c 6c 6f 00${' '.repeat(30)}  Hello.`);
    const two = hexDump('00'.repeat(17)).split('\n');
    expect(two).toHaveLength(2);
    expect(two[1]!.startsWith('00000010  00')).toBe(true);
  });
});

describe('trace view filter and merge', () => {
  it('filters by agent, direction, type and text', () => {
    const r = { ...row(1, 'out', 'GET', 'abc-1', 0, 'os::x'), summary: 'Get Device.DeviceInfo.' };
    expect(matchesTraceFilter(r, emptyTraceFilter)).toBe(true);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, agentId: 'os::y' })).toBe(false);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, direction: 'in' })).toBe(false);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, msgType: 'GET' })).toBe(true);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, text: 'deviceinfo' })).toBe(true);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, text: 'ABC' })).toBe(true);
    expect(matchesTraceFilter(r, { ...emptyTraceFilter, text: 'wifi' })).toBe(false);
  });

  it('merges newest first without duplicates within capacity', () => {
    const merged = mergeTraceRows([row(2, 'in', 'GET_RESP', 'a', 0)], [row(3, 'out', 'GET', 'b', 0), row(2, 'in', 'GET_RESP', 'a', 0), row(1, 'out', 'GET', 'a', 0)], 2);
    expect(merged.map((r) => r.id)).toEqual([3, 2]);
    const live = mergeTraceRows(merged, [row(5, 'in', 'GET_RESP', 'b', 0), row(4, 'out', 'GET', 'c', 0), row(5, 'in', 'GET_RESP', 'b', 0)], 3);
    expect(live.map((r) => r.id)).toEqual([5, 4, 3]);
  });
});
