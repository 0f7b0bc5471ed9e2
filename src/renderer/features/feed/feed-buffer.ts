import type { NotificationRecord } from '../../../shared/console-api';

/**
 * The feed's in-memory window: newest first, bounded so a busy network cannot grow memory
 * without limit (the store keeps everything; older rows come back through history paging).
 * While paused, new arrivals wait in `held` and appear together on resume.
 */
export class FeedBuffer {
  private rows: NotificationRecord[] = [];
  private held: NotificationRecord[] = [];
  private paused = false;
  private readonly ids = new Set<number>();

  constructor(private readonly capacity = 20_000) {}

  get items(): readonly NotificationRecord[] {
    return this.rows;
  }

  get heldCount(): number {
    return this.held.length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Adds a pushed batch (arrival order); returns true when the visible rows changed. */
  add(batch: readonly NotificationRecord[]): boolean {
    if (this.paused) {
      for (const n of batch) this.held.push(n);
      // Bounded while paused too: the oldest held rows stay reachable through history.
      if (this.held.length > this.capacity) this.held.splice(0, this.held.length - this.capacity);
      return false;
    }
    return this.prepend(batch);
  }

  /** Adds older rows from history (newest first, as the store pages them) at the end. */
  appendHistory(page: readonly NotificationRecord[]): boolean {
    const fresh = page.filter((n) => !this.ids.has(n.id));
    if (fresh.length === 0) return false;
    for (const n of fresh) this.ids.add(n.id);
    this.rows = [...this.rows, ...fresh].sort((a, b) => b.id - a.id);
    this.trim();
    return true;
  }

  setPaused(paused: boolean): boolean {
    this.paused = paused;
    if (paused || this.held.length === 0) return false;
    const held = this.held;
    this.held = [];
    return this.prepend(held);
  }

  clear(): void {
    this.rows = [];
    this.held = [];
    this.ids.clear();
  }

  private prepend(batch: readonly NotificationRecord[]): boolean {
    const fresh: NotificationRecord[] = [];
    for (const n of batch) {
      if (this.ids.has(n.id)) continue;
      this.ids.add(n.id);
      fresh.push(n);
    }
    if (fresh.length === 0) return false;
    fresh.reverse();
    this.rows = fresh.concat(this.rows);
    this.trim();
    return true;
  }

  private trim(): void {
    if (this.rows.length <= this.capacity) return;
    for (const n of this.rows.slice(this.capacity)) this.ids.delete(n.id);
    this.rows = this.rows.slice(0, this.capacity);
  }
}
