import type { Page, PageRequest } from '../../shared/console-api';

export type FetchPage<T> = (request: PageRequest) => Promise<Page<T>>;

export interface PagedHistoryListener<T> {
  items(items: T[]): void;
  /** The cursor of the next (older) page of the current query; null when there is none. */
  cursor(cursor: string | null): void;
  error(error: unknown): void;
}

/**
 * Stored history behind a live list (the feed, the message inspector): the first page of each
 * query, older pages on demand, one request at a time; a page that answers after the query
 * changed is dropped.
 */
export class PagedHistoryLoader<T> {
  private current: FetchPage<T> | null = null;
  private next: string | null = null;
  private busy = false;
  private pageSize = 500;

  constructor(private listener: PagedHistoryListener<T>) {}

  /** Where results go from now on (a component's latest callbacks). */
  listen(listener: PagedHistoryListener<T>): void {
    this.listener = listener;
  }

  /** A new query (a new filter): its first page; the previous query's cursor is gone. */
  query(fetch: FetchPage<T>, pageSize: number): void {
    this.current = fetch;
    this.pageSize = pageSize;
    this.setCursor(null);
    this.load(fetch, null);
  }

  /** The next older page of the current query, unless one is loading or there is none. */
  loadMore(): void {
    if (this.current !== null && this.next !== null && !this.busy) this.load(this.current, this.next);
  }

  private load(fetch: FetchPage<T>, from: string | null): void {
    this.busy = true;
    fetch(from !== null ? { cursor: from, limit: this.pageSize } : { limit: this.pageSize }).then(
      (page) => {
        if (this.current !== fetch) return;
        this.listener.items(page.items);
        this.setCursor(page.nextCursor);
      },
      (e: unknown) => {
        if (this.current === fetch) this.listener.error(e);
      },
    ).finally(() => {
      if (this.current === fetch) this.busy = false;
    });
  }

  private setCursor(cursor: string | null): void {
    this.next = cursor;
    this.listener.cursor(cursor);
  }
}
