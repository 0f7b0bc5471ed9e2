import { describe, expect, it } from 'vitest';
import type { Page, PageRequest } from '../../../src/shared/console-api';
import { PagedHistoryLoader } from '../../../src/renderer/lib/paged-history';

/** A fetch whose answers the test releases by hand, one request at a time. */
function manualFetch(): { fetch: (r: PageRequest) => Promise<Page<string>>; requests: PageRequest[]; answer(page: Page<string>): Promise<void>; fail(e: Error): Promise<void> } {
  const requests: PageRequest[] = [];
  const pending: { resolve(p: Page<string>): void; reject(e: Error): void }[] = [];
  const settle = async (): Promise<void> => {
    await new Promise((r) => setImmediate(r));
  };
  return {
    requests,
    fetch: (r) => {
      requests.push(r);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    async answer(page) {
      pending.shift()!.resolve(page);
      await settle();
    },
    async fail(e) {
      pending.shift()!.reject(e);
      await settle();
    },
  };
}

function recorder(): { items: string[][]; cursors: (string | null)[]; errors: unknown[]; listener: ConstructorParameters<typeof PagedHistoryLoader<string>>[0] } {
  const items: string[][] = [];
  const cursors: (string | null)[] = [];
  const errors: unknown[] = [];
  return { items, cursors, errors, listener: { items: (i) => items.push(i), cursor: (c) => cursors.push(c), error: (e) => errors.push(e) } };
}

describe('paged history', () => {
  it('loads the first page of a query, then older pages from its cursor', async () => {
    const f = manualFetch();
    const r = recorder();
    const loader = new PagedHistoryLoader(r.listener);
    loader.query(f.fetch, 2);
    expect(f.requests).toEqual([{ limit: 2 }]);
    await f.answer({ items: ['a', 'b'], nextCursor: 'c1' });
    loader.loadMore();
    expect(f.requests[1]).toEqual({ cursor: 'c1', limit: 2 });
    await f.answer({ items: ['c'], nextCursor: null });
    expect(r.items).toEqual([['a', 'b'], ['c']]);
    expect(r.cursors).toEqual([null, 'c1', null]);
    loader.loadMore();
    expect(f.requests).toHaveLength(2);
  });

  it('asks for one page at a time', async () => {
    const f = manualFetch();
    const loader = new PagedHistoryLoader(recorder().listener);
    loader.query(f.fetch, 2);
    await f.answer({ items: ['a'], nextCursor: 'c1' });
    loader.loadMore();
    loader.loadMore();
    expect(f.requests).toHaveLength(2);
    await f.answer({ items: ['b'], nextCursor: 'c2' });
    loader.loadMore();
    expect(f.requests).toHaveLength(3);
  });

  it('drops a page that answers after the query changed, and starts the new query without a cursor', async () => {
    const old = manualFetch();
    const now = manualFetch();
    const r = recorder();
    const loader = new PagedHistoryLoader(r.listener);
    loader.query(old.fetch, 2);
    loader.query(now.fetch, 2);
    await old.answer({ items: ['stale'], nextCursor: 'old' });
    await now.answer({ items: ['fresh'], nextCursor: null });
    expect(r.items).toEqual([['fresh']]);
    expect(r.cursors).toEqual([null, null, null]);
  });

  it('reports a failed page of the current query and can be asked again', async () => {
    const f = manualFetch();
    const r = recorder();
    const loader = new PagedHistoryLoader(r.listener);
    loader.query(f.fetch, 2);
    await f.answer({ items: ['a'], nextCursor: 'c1' });
    loader.loadMore();
    await f.fail(new Error('store closed'));
    expect(r.errors).toEqual([new Error('store closed')]);
    loader.loadMore();
    expect(f.requests).toEqual([{ limit: 2 }, { cursor: 'c1', limit: 2 }, { cursor: 'c1', limit: 2 }]);
  });

  it('sends results to the listener it was last given', async () => {
    const f = manualFetch();
    const first = recorder();
    const second = recorder();
    const loader = new PagedHistoryLoader(first.listener);
    loader.query(f.fetch, 2);
    loader.listen(second.listener);
    await f.answer({ items: ['a'], nextCursor: null });
    expect(second.items).toEqual([['a']]);
    expect(first.items).toEqual([]);
  });

  it('drops the pages of an earlier query of the same fetch asked again, and loads one page at a time for the new one', async () => {
    const f = manualFetch();
    const r = recorder();
    const loader = new PagedHistoryLoader(r.listener);
    loader.query(f.fetch, 2);
    await f.answer({ items: ['a'], nextCursor: 'c1' });
    loader.loadMore();
    loader.query(f.fetch, 3);
    await f.answer({ items: ['older, of the first query'], nextCursor: 'c2' });
    loader.loadMore();
    expect(f.requests).toEqual([{ limit: 2 }, { cursor: 'c1', limit: 2 }, { limit: 3 }]);
    await f.answer({ items: ['b'], nextCursor: null });
    expect(r.items).toEqual([['a'], ['b']]);
    expect(r.cursors).toEqual([null, 'c1', null, null]);
  });

  it('drops every answer once stopped', async () => {
    const f = manualFetch();
    const r = recorder();
    const loader = new PagedHistoryLoader(r.listener);
    loader.query(f.fetch, 2);
    loader.stop();
    await f.answer({ items: ['late'], nextCursor: 'c1' });
    loader.loadMore();
    expect(r.items).toEqual([]);
    expect(f.requests).toHaveLength(1);
  });
});
