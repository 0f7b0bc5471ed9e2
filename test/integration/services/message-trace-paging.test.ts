import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord, Page, TraceRow } from '../../../src/shared/console-api';
import { createApp, type App } from '../../../src/main/app/create-app';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

// History paging of the feed and the inspector over a real store: every stored row comes
// back exactly once, newest first, whatever the page size (the store caps a query at 1000).
const AGENTS = ['proto::page-a', 'proto::page-b'];
const COUNT = 2500;

async function pageAll<T extends { id: number }>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = await fetch(cursor);
    all.push(...page.items);
    if (page.nextCursor === null) return all;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('notification and trace history paging', () => {
  let app: App;
  const { warn, warnings } = collectWarnings();

  beforeAll(async () => {
    app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
    for (let i = 0; i < COUNT; i += 1) {
      const endpointId = AGENTS[i % 2]!;
      app.store.addNotification({
        endpointId,
        receivedAt: 1_000 + i,
        msgId: `m-${i}`,
        subscriptionId: 'sub',
        sendResp: false,
        kind: 'ValueChange',
        path: `Device.X.${i % 10}.Value`,
        detail: { paramPath: `Device.X.${i % 10}.Value`, paramValue: String(i) },
      });
      app.store.addTrace({
        endpointId,
        direction: i % 2 ? 'in' : 'out',
        at: 1_000 + i,
        transportId: 't',
        mtp: 'websocket',
        recordType: 'no_session_context',
        recordVersion: '1.3',
        fromId: endpointId,
        toId: 'self::usp-console',
        msgId: `m-${i}`,
        msgType: 'GET',
        bytes: new Uint8Array([i % 256]),
        summary: `get ${i}`,
        decodeError: null,
      });
    }
  });
  afterAll(async () => {
    await app.close();
    expect(warnings).toEqual([]);
  });

  for (const limit of [7, 200, 999, 1000]) {
    it(`returns every notification once with pages of ${limit}`, async () => {
      const all = await pageAll<NotificationRecord>((cursor) => app.api.queryNotifications({ limit, ...(cursor ? { cursor } : {}) }));
      expect(all).toHaveLength(COUNT);
      expect(new Set(all.map((n) => n.id)).size).toBe(COUNT);
      expect(all.map((n) => n.id)).toEqual([...all.map((n) => n.id)].sort((a, b) => b - a));
    });
  }

  it('pages through a path filter that keeps one row in ten', async () => {
    const contains = await pageAll<NotificationRecord>((cursor) =>
      app.api.queryNotifications({ limit: 100, path: { text: 'x.3.val', match: 'contains' }, ...(cursor ? { cursor } : {}) }),
    );
    expect(contains).toHaveLength(COUNT / 10);
    expect(contains.every((n) => n.path === 'Device.X.3.Value')).toBe(true);
    const exact = await pageAll<NotificationRecord>((cursor) =>
      app.api.queryNotifications({ agentIds: [AGENTS[0]!], limit: 1000, path: { text: 'Device.X.4.Value', match: 'exact' }, ...(cursor ? { cursor } : {}) }),
    );
    expect(exact).toHaveLength(COUNT / 10);
  });

  for (const limit of [30, 1000]) {
    it(`returns every trace row once with pages of ${limit}`, async () => {
      const all = await pageAll<TraceRow>((cursor) => app.api.queryTrace({ limit, ...(cursor ? { cursor } : {}) }));
      expect(all).toHaveLength(COUNT);
      expect(new Set(all.map((r) => r.id)).size).toBe(COUNT);
      const sent = await pageAll<TraceRow>((cursor) => app.api.queryTrace({ limit, direction: 'out', ...(cursor ? { cursor } : {}) }));
      expect(sent).toHaveLength(COUNT / 2);
    });
  }
});
