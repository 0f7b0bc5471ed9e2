import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../../src/shared/console-api';
import { alignSeries, numericParams, seriesFor } from '../../../src/renderer/features/feed/chart-series';
import { FeedBuffer } from '../../../src/renderer/features/feed/feed-buffer';
import { toCsvExport, toJsonExport } from '../../../src/renderer/features/feed/feed-export';
import { emptyFeedFilter, matchesFeedFilter, toNotificationQuery } from '../../../src/renderer/features/feed/feed-filter';

function vc(id: number, agentId: string, paramPath: string, paramValue: string, receivedAt = id * 1000): NotificationRecord {
  return { id, agentId, receivedAt, msgId: `m${id}`, subscriptionId: 's1', sendResp: false, path: paramPath, type: 'ValueChange', paramPath, paramValue };
}

const created: NotificationRecord = {
  id: 10, agentId: 'b', receivedAt: 10_000, msgId: 'm10', subscriptionId: 's2', sendResp: true, path: 'Device.NAT.PortMapping.3.',
  type: 'ObjectCreation', objPath: 'Device.NAT.PortMapping.3.', uniqueKeys: { Alias: 'cpe-3' },
};

describe('feed filter', () => {
  it('filters by agent, type and path (exact, prefix, case-insensitive contains)', () => {
    const n = vc(1, 'a', 'Device.WiFi.SSID.1.SSID', 'x');
    expect(matchesFeedFilter(n, emptyFeedFilter)).toBe(true);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, agentIds: ['b'] })).toBe(false);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, types: ['ObjectCreation'] })).toBe(false);
    expect(matchesFeedFilter(created, { ...emptyFeedFilter, types: ['ObjectCreation'], agentIds: ['b'] })).toBe(true);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, pathText: 'ssid.1', pathMatch: 'contains' })).toBe(true);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, pathText: 'Device.WiFi.', pathMatch: 'prefix' })).toBe(true);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, pathText: 'Device.IP.', pathMatch: 'prefix' })).toBe(false);
    expect(matchesFeedFilter(n, { ...emptyFeedFilter, pathText: 'Device.WiFi.', pathMatch: 'exact' })).toBe(false);
  });

  it('turns the filter into a store query', () => {
    expect(toNotificationQuery(emptyFeedFilter, { limit: 50 })).toEqual({ limit: 50 });
    expect(toNotificationQuery({ agentIds: ['a'], types: ['Event'], pathText: 'Device.', pathMatch: 'prefix' })).toEqual({
      agentIds: ['a'], types: ['Event'], path: { text: 'Device.', match: 'prefix' },
    });
  });
});

describe('FeedBuffer', () => {
  it('keeps newest first, drops duplicates and stays within capacity', () => {
    const b = new FeedBuffer(3);
    b.add([vc(1, 'a', 'P', '1'), vc(2, 'a', 'P', '2')]);
    b.add([vc(2, 'a', 'P', '2'), vc(3, 'a', 'P', '3'), vc(4, 'a', 'P', '4')]);
    expect(b.items.map((n) => n.id)).toEqual([4, 3, 2]);
  });

  it('holds arrivals while paused and shows them on resume', () => {
    const b = new FeedBuffer();
    b.add([vc(1, 'a', 'P', '1')]);
    b.setPaused(true);
    expect(b.add([vc(2, 'a', 'P', '2')])).toBe(false);
    expect(b.heldCount).toBe(1);
    expect(b.items.map((n) => n.id)).toEqual([1]);
    expect(b.setPaused(false)).toBe(true);
    expect(b.items.map((n) => n.id)).toEqual([2, 1]);
  });

  it('keeps at most `capacity` held rows while paused', () => {
    const b = new FeedBuffer(2);
    b.setPaused(true);
    b.add([vc(1, 'a', 'P', '1'), vc(2, 'a', 'P', '2'), vc(3, 'a', 'P', '3')]);
    expect(b.heldCount).toBe(2);
    b.setPaused(false);
    expect(b.items.map((n) => n.id)).toEqual([3, 2]);
  });

  it('appends older history pages below the live rows', () => {
    const b = new FeedBuffer();
    b.add([vc(8, 'a', 'P', '8')]);
    b.appendHistory([vc(8, 'a', 'P', '8'), vc(5, 'a', 'P', '5'), vc(3, 'a', 'P', '3')]);
    expect(b.items.map((n) => n.id)).toEqual([8, 5, 3]);
  });
});

describe('feed export', () => {
  it('CSV has one row per notification and quotes commas, quotes and newlines', () => {
    const csv = toCsvExport([vc(1, 'a', 'Device.X', 'he said "hi", ok'), created]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('id,receivedAt,agentId,type,path,value,subscriptionId,msgId,summary');
    expect(lines[1]).toContain('"he said ""hi"", ok"');
    expect(lines[2]).toContain('ObjectCreation,Device.NAT.PortMapping.3.,,s2,m10,Device.NAT.PortMapping.3. created (Alias=cpe-3)');
  });

  it('JSON round-trips', () => {
    const rows = [vc(1, 'a', 'P', '1'), created];
    expect(JSON.parse(toJsonExport(rows))).toEqual(rows);
  });
});

describe('chart series', () => {
  it('takes numeric ValueChanges of one parameter, oldest first, and aligns several on one time axis', () => {
    const rows = [vc(3, 'a', 'Device.T', '30'), vc(2, 'a', 'Device.T', 'n/a'), vc(1, 'a', 'Device.T', '10'), vc(4, 'b', 'Device.T', '99'), created];
    const pts = seriesFor(rows, 'a', 'Device.T');
    expect(pts).toEqual([{ t: 1000, v: 10 }, { t: 3000, v: 30 }]);
    expect(numericParams(rows)).toEqual([{ agentId: 'a', path: 'Device.T' }, { agentId: 'b', path: 'Device.T' }]);
    expect(alignSeries([pts, [{ t: 2000, v: 5 }, { t: 3000, v: 6 }]])).toEqual([[1, 2, 3], [10, null, 30], [null, 5, 6]]);
    expect(alignSeries([])).toEqual([[]]);
  });
});
