import type { Page, PageRequest } from '../../shared/console-api';

export type FetchPage<T> = (request: PageRequest) => Promise<Page<T>>;

export interface PagedHistoryListener<T> {
  items(items: T[]): void;
  /** The cursor of the next (older) page of the query `fetch`; null when there is none. */
  cursor(cursor: string | null, fetch: FetchPage<T>): void;
  error(error: unknown): void;
}

/**
 * Stored history behind a live list (the feed, the message inspector): the first page of each
 * query, older pages on demand, one request at a time; a page that answers after the query
 * changed (or was asked again) is dropped.
 */
export class PagedHistoryLoader<T> {
  private current: { fetch: FetchPage<T>; pageSize: number } | null = null;
  private next: string | null = null;
  private busy = false;

  constructor(private listener: PagedHistoryListener<T>) {}

  /** Where results go from now on (a component's latest callbacks). */
  listen(listener: PagedHistoryListener<T>): void {
    this.listener = listener;
  }

  /** A new query (a new filter): its first page; the previous query's cursor and pages are gone. */
  query(fetch: FetchPage<T>, pageSize: number): void {
    const query = { fetch, pageSize };
    this.current = query;
    this.busy = false;
    this.setCursor(null, fetch);
    this.load(query, null);
  }

  /** No more results for anyone (the list went away); answers still on their way are dropped. */
  stop(): void {
    this.current = null;
  }

  /** The next older page of the current query, unless one is loading or there is none. */
  loadMore(): void {
    if (this.current !== null && this.next !== null && !this.busy) this.load(this.current, this.next);
  }

  private load(query: { fetch: FetchPage<T>; pageSize: number }, from: string | null): void {
    this.busy = true;
    query.fetch(from !== null ? { cursor: from, limit: query.pageSize } : { limit: query.pageSize }).then(
      (page) => {
        if (this.current !== query) return;
        this.listener.items(page.items);
        this.setCursor(page.nextCursor, query.fetch);
      },
      (e: unknown) => {
        if (this.current === query) this.listener.error(e);
      },
    ).finally(() => {
      if (this.current === query) this.busy = false;
    });
  }

  private setCursor(cursor: string | null, fetch: FetchPage<T>): void {
    this.next = cursor;
    this.listener.cursor(cursor, fetch);
  }
}
