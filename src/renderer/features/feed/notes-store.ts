import type { ConsoleNote } from '../../../shared/console-api';

/** Notes kept for the feed, newest first; older ones fall off. */
const MAX_NOTES = 50;

type Listener = () => void;

/**
 * What the console did on its own about agents ("re-created 2 subscriptions after Boot!"), kept
 * from the moment the app opens so the feed shows them whenever it is opened.
 */
export class NotesStore {
  private list: readonly ConsoleNote[] = [];
  private readonly listeners = new Set<Listener>();

  /** Newest first; the same array until a note arrives. */
  notes(): readonly ConsoleNote[] {
    return this.list;
  }

  add(batch: readonly ConsoleNote[]): void {
    if (batch.length === 0) return;
    this.list = [...[...batch].reverse(), ...this.list].slice(0, MAX_NOTES);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
