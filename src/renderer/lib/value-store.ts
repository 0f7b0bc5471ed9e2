import type { CachedValue, ValueUpdate } from '../../shared/console-api';
import { coalesceByKey } from './batcher';

/** A parameter value as the UI shows it, with the time it was read and when it last changed. */
export interface LiveValue {
  value: string;
  readAt: number;
  /** When a push changed the value (drives the blink); null when never changed live. */
  changedAt: number | null;
}

type Listener = () => void;

function keyOf(agentId: string, path: string): string {
  return `${agentId}\u0000${path}`;
}

/**
 * Per-parameter values with per-parameter listeners, so a pushed change re-renders only the
 * row that shows it (useSyncExternalStore on one key). Newer readAt always wins, so a late
 * cache answer cannot overwrite a fresher pushed value.
 */
export class ValueStore {
  private readonly values = new Map<string, LiveValue>();
  private readonly listeners = new Map<string, Set<Listener>>();

  get(agentId: string, path: string): LiveValue | undefined {
    return this.values.get(keyOf(agentId, path));
  }

  /** Seeds values from a getChildren/refresh answer; returns how many were newer than what we had. */
  seed(agentId: string, values: readonly CachedValue[]): number {
    let applied = 0;
    for (const v of values) {
      if (this.put(agentId, v.path, v.value, v.readAt, false)) applied++;
    }
    return applied;
  }

  /** Applies a pushed batch; values that differ from the previous one are marked changed. */
  apply(updates: readonly ValueUpdate[], now: number): number {
    let applied = 0;
    for (const u of coalesceByKey(updates, (x) => keyOf(x.agentId, x.path))) {
      if (this.put(u.agentId, u.path, u.value, u.readAt, true, now)) applied++;
    }
    return applied;
  }

  subscribe(agentId: string, path: string, listener: Listener): () => void {
    const key = keyOf(agentId, path);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  private put(agentId: string, path: string, value: string, readAt: number, live: boolean, now = readAt): boolean {
    const key = keyOf(agentId, path);
    const prev = this.values.get(key);
    if (prev && prev.readAt > readAt) return false;
    if (prev && prev.value === value && prev.readAt === readAt) return false;
    const changed = live && prev !== undefined && prev.value !== value;
    this.values.set(key, { value, readAt, changedAt: changed ? now : (prev?.changedAt ?? null) });
    const set = this.listeners.get(key);
    if (set) for (const l of set) l();
    return true;
  }
}
