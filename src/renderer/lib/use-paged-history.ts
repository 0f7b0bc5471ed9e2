import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page, PageRequest } from '../../shared/console-api';
import { showError } from './notify';

export interface PagedHistory {
  /** Loads the next (older) page; undefined when there is none, for VirtualList's onEndReached. */
  loadMore: (() => void) | undefined;
}

type Fetch<T> = (request: PageRequest) => Promise<Page<T>>;

/**
 * Stored history behind a live list (the feed, the message inspector): the first page when
 * `fetchPage` changes (a new filter), older pages on demand, one request at a time, and a
 * page that answers after the query changed is dropped.
 */
export function usePagedHistory<T>(fetchPage: Fetch<T>, onItems: (items: T[]) => void, what: string, pageSize = 500): PagedHistory {
  // The cursor belongs to the query that produced it; a new query starts without one.
  const [state, setState] = useState<{ source: Fetch<T> | null; cursor: string | null }>({ source: null, cursor: null });
  const current = useRef<Fetch<T> | null>(null);
  const busy = useRef(false);
  const onItemsRef = useRef(onItems);
  useEffect(() => {
    onItemsRef.current = onItems;
  });

  const load = useCallback((fetch: Fetch<T>, from: string | null): void => {
    busy.current = true;
    fetch(from ? { cursor: from, limit: pageSize } : { limit: pageSize }).then((page) => {
      if (current.current !== fetch) return;
      onItemsRef.current(page.items);
      setState({ source: fetch, cursor: page.nextCursor });
    }, (e: unknown) => showError(e, what)).finally(() => {
      if (current.current === fetch) busy.current = false;
    });
  }, [pageSize, what]);

  useEffect(() => {
    current.current = fetchPage;
    load(fetchPage, null);
  }, [fetchPage, load]);

  const cursor = state.source === fetchPage ? state.cursor : null;
  const loadMore = useCallback(() => {
    if (cursor !== null && !busy.current) load(fetchPage, cursor);
  }, [cursor, fetchPage, load]);
  return { loadMore: cursor === null ? undefined : loadMore };
}
