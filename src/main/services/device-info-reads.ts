// The DeviceInfo reads of agents coming online (onboarding.ts), as a bounded queue: a burst of
// thousands of agents connecting at once is read a few at a time instead of flooding the broker,
// a read that times out or finds no route is tried again with back-off, and a read that keeps
// failing (or fails for good) is reported instead of being forgotten.

import { Backoff, type BackoffOptions } from '../mtp/backoff';

export interface DeviceInfoReadsOptions {
  /** Reads in flight at once over all agents; default 32. */
  concurrency?: number;
  /** Attempts per agent before the failure is reported; default 5. */
  attempts?: number;
  /** Waits between attempts (randomised exponential); default 1 s doubling up to 30 s. */
  backoff?: BackoffOptions;
  /** Agents queued, reading or waiting to retry at most; more are reported and not read; default 100,000. */
  maxAgents?: number;
}

export interface DeviceInfoReadsPorts {
  /** One read of the agent's DeviceInfo (stored by the caller); rejects when it failed. */
  read(endpointId: string): Promise<void>;
  /** Whether the agent is still to be read (known and accepted); checked before and after each attempt. */
  wanted(endpointId: string): boolean;
  /** Whether a failure may go away by itself (a timeout, no route to the agent now). */
  retryable(error: unknown): boolean;
  /** The agent could not be read: for the log and the agent's warnings. */
  failed(endpointId: string, message: string): void;
}

interface Entry {
  attempt: number;
  backoff: Backoff;
  timer: NodeJS.Timeout | null;
}

export class DeviceInfoReads {
  /** Every agent in the queue, reading, or waiting to retry. */
  private readonly entries = new Map<string, Entry>();
  /** Agents whose next attempt may start now, in order. */
  private readonly ready = new Set<string>();
  private reading = 0;
  private closed = false;
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly maxAgents: number;

  constructor(
    private readonly ports: DeviceInfoReadsPorts,
    private readonly options: DeviceInfoReadsOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 32;
    this.attempts = options.attempts ?? 5;
    this.maxAgents = options.maxAgents ?? 100_000;
  }

  /** Reads the agent's DeviceInfo soon; an agent already in the queue is not read twice. */
  request(endpointId: string): void {
    if (this.closed || this.entries.has(endpointId)) return;
    if (this.entries.size >= this.maxAgents) {
      this.ports.failed(endpointId, `could not read Device.DeviceInfo.: ${this.maxAgents} agents already wait for theirs`);
      return;
    }
    this.entries.set(endpointId, { attempt: 0, backoff: new Backoff({ initialDelayMs: 1_000, maxDelayMs: 30_000, ...this.options.backoff }), timer: null });
    this.ready.add(endpointId);
    this.pump();
  }

  /** Reads in flight now. */
  get inFlight(): number {
    return this.reading;
  }

  /** Agents queued, reading or waiting to retry. */
  get pending(): number {
    return this.entries.size;
  }

  /** Stops: retries are cancelled, reads in flight end unreported. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) if (entry.timer) clearTimeout(entry.timer);
    this.entries.clear();
    this.ready.clear();
  }

  private pump(): void {
    for (const endpointId of this.ready) {
      if (this.reading >= this.concurrency) return;
      this.ready.delete(endpointId);
      const entry = this.entries.get(endpointId)!;
      if (!this.ports.wanted(endpointId)) {
        this.entries.delete(endpointId);
        continue;
      }
      entry.attempt++;
      this.reading++;
      new Promise<void>((resolve) => resolve(this.ports.read(endpointId))).then(
        () => this.finished(endpointId, null),
        (error: unknown) => this.finished(endpointId, error ?? new Error('the read failed')),
      );
    }
  }

  private finished(endpointId: string, error: unknown): void {
    if (this.closed) return;
    this.reading--;
    const entry = this.entries.get(endpointId)!;
    if (error === null || !this.ports.wanted(endpointId)) {
      this.entries.delete(endpointId);
    } else if (this.ports.retryable(error) && entry.attempt < this.attempts) {
      entry.timer = setTimeout(() => {
        entry.timer = null;
        this.ready.add(endpointId);
        this.pump();
      }, entry.backoff.next());
      // A retry never keeps the process alive on its own.
      entry.timer.unref();
    } else {
      this.entries.delete(endpointId);
      const message = error instanceof Error ? error.message : String(error);
      this.ports.failed(endpointId, `could not read Device.DeviceInfo. (attempt ${entry.attempt} of ${this.attempts}): ${message}`);
    }
    this.pump();
  }
}
