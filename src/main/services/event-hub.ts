import type { ConsoleEventMap, ConsoleEventName, ValueUpdate } from '../../shared/console-api';

type Item<K extends ConsoleEventName> = ConsoleEventMap[K][number];
export type HubListener = (event: ConsoleEventName, batch: unknown[]) => void;

/**
 * Collects what the UI should hear and pushes it in batches, one push per event name per
 * interval (architecture: "push traffic to the UI is batched"; MQTT Explorer's lesson).
 * Value updates are coalesced: within one interval only the newest value of a path is
 * sent, so a parameter changing 1000 times a second costs one row update per interval.
 * Nothing else is dropped: notifications and trace rows are all delivered, in order.
 */
export class EventHub {
  private readonly queues = new Map<ConsoleEventName, unknown[]>();
  private readonly values = new Map<string, ValueUpdate>();
  private readonly listeners = new Set<HubListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 100) {}

  push<K extends ConsoleEventName>(event: K, item: Item<K>): void {
    if (event === 'values') {
      const update = item as ValueUpdate;
      const key = `${update.agentId}\n${update.path}`;
      // Delete first so the map keeps arrival order of the newest write.
      this.values.delete(key);
      this.values.set(key, update);
    } else {
      const queue = this.queues.get(event) ?? [];
      queue.push(item);
      this.queues.set(event, queue);
    }
    this.schedule();
  }

  pushAll<K extends ConsoleEventName>(event: K, items: Iterable<Item<K>>): void {
    for (const item of items) this.push(event, item);
  }

  onBatch(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends everything queued now (also used on shutdown so nothing is left behind). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.values.size > 0) {
      const batch = [...this.values.values()];
      this.values.clear();
      this.emit('values', batch);
    }
    const queues = [...this.queues];
    this.queues.clear();
    for (const [event, batch] of queues) this.emit(event, batch);
  }

  close(): void {
    this.flush();
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  private emit(event: ConsoleEventName, batch: unknown[]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, batch);
      } catch {
        // A failing consumer (a closed window) must not stop the others from hearing the batch.
      }
    }
  }
}
