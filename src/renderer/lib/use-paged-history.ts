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
  const [cursor, setCursor] = useState<string | null>(null);
  const [loader] = useState(() => new PagedHistoryLoader<T>(idle));
  useEffect(() => {
    loader.listen({ items: onItems, cursor: setCursor, error: (e) => showError(e, what) });
  }, [loader, onItems, what]);
  useEffect(() => loader.query(fetchPage, pageSize), [loader, fetchPage, pageSize]);
  // A new function per page, so a list already scrolled to its end asks again.
  const loadMore = useMemo(() => (cursor === null ? undefined : () => loader.loadMore()), [loader, cursor]);
  return { loadMore };
}
