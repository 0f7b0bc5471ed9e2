import { useEffect, useMemo, useState } from 'react';
import { PagedHistoryLoader, type FetchPage, type PagedHistoryListener } from './paged-history';
import { showError } from './notify';

export interface PagedHistory {
  /** Loads the next (older) page; undefined when there is none, for VirtualList's onEndReached. */
  loadMore: (() => void) | undefined;
}

const idle: PagedHistoryListener<never> = { items: () => undefined, cursor: () => undefined, error: () => undefined };

/** The first page of history whenever `fetchPage` changes (a new filter), older pages on demand. */
export function usePagedHistory<T>(fetchPage: FetchPage<T>, onItems: (items: T[]) => void, what: string, pageSize = 500): PagedHistory {
  // The cursor belongs to the query that produced it: a new query has none until its first page.
  const [next, setNext] = useState<{ cursor: string | null; fetch: FetchPage<T> | null }>({ cursor: null, fetch: null });
  const [loader] = useState(() => new PagedHistoryLoader<T>(idle));
  useEffect(() => {
    loader.listen({ items: onItems, cursor: (cursor, fetch) => setNext({ cursor, fetch }), error: (e) => showError(e, what) });
  }, [loader, onItems, what]);
  useEffect(() => {
    loader.query(fetchPage, pageSize);
    return () => loader.stop();
  }, [loader, fetchPage, pageSize]);
  const cursor = next.fetch === fetchPage ? next.cursor : null;
  // A new function per page, so a list already scrolled to its end asks again.
  const loadMore = useMemo(() => (cursor === null ? undefined : () => loader.loadMore()), [loader, cursor]);
  return { loadMore };
}
