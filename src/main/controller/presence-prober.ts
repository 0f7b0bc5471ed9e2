export interface PresenceProberOptions {
  /** First retry after this long; each further one waits twice as long. Default 2000. */
  initialDelayMs?: number;
  /** Longest wait between two probes of an agent that stays silent. Default 10 minutes. */
  maxDelayMs?: number;
}

interface Schedule {
  timer: NodeJS.Timeout;
  attempt: number;
}

/**
 * Probes broker agents whose presence is in doubt (issue 9 #6): after a broker link comes back,
 * after a console restart, and after a request to them timed out. A probe that fails is retried
 * with back-off until the agent answers, is heard from otherwise, or is no longer wanted
 * (forgotten, rejected). One schedule per agent, so the timers are bounded by the registry.
 */
export class PresenceProber {
  private readonly schedules = new Map<string, Schedule>();
  /** Agents with a probe in flight: its outcome plans the next one. */
  private readonly probing = new Set<string>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    /** Sends one probe; true when the agent answered. */
    private readonly probe: (endpointId: string) => Promise<boolean>,
    /** Whether the agent still needs probing (accepted and offline). */
    private readonly wanted: (endpointId: string) => boolean,
    options: PresenceProberOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 600_000;
  }

  /** Probes the agent after `delayMs` (default: at once), unless a probe is already planned. */
  schedule(endpointId: string, delayMs = 0, attempt = 0): void {
    if (this.schedules.has(endpointId) || this.probing.has(endpointId)) return;
    const timer = setTimeout(() => void this.fire(endpointId), delayMs);
    // Presence checks must never keep a process alive on their own.
    timer.unref();
    this.schedules.set(endpointId, { timer, attempt });
  }

  /** Probes the agent again after the first back-off step (it just failed to answer something). */
  retry(endpointId: string): void {
    this.schedule(endpointId, this.initialDelayMs, 1);
  }

  cancel(endpointId: string): void {
    const schedule = this.schedules.get(endpointId);
    if (schedule) clearTimeout(schedule.timer);
    this.schedules.delete(endpointId);
  }

  cancelAll(): void {
    for (const id of [...this.schedules.keys()]) this.cancel(id);
  }

  private async fire(endpointId: string): Promise<void> {
    const schedule = this.schedules.get(endpointId);
    if (!schedule) return;
    this.schedules.delete(endpointId);
    if (!this.wanted(endpointId)) return;
    this.probing.add(endpointId);
    let answered: boolean;
    try {
      answered = await this.probe(endpointId);
    } finally {
      this.probing.delete(endpointId);
    }
    if (answered || !this.wanted(endpointId)) return;
    const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(schedule.attempt, 20));
    this.schedule(endpointId, delay, schedule.attempt + 1);
  }
}
