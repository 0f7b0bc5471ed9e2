/** How long to wait between reconnect attempts (all in milliseconds). */
export interface BackoffOptions {
  /** Wait before the first retry; default 1000. */
  initialDelayMs?: number;
  /** Growth per failed retry; default 2. */
  multiplier?: number;
  /** Upper bound of any wait; default 60000. */
  maxDelayMs?: number;
}

/**
 * Randomised exponential back-off in the shape of R-WS.19-21 / R-MQTT.10 / R-STOMP.7:
 * retry n waits a random time in [m·k^(n-1), m·k^n], capped at the maximum, and the
 * counter resets after a successful connection. Randomness spreads a fleet of clients
 * reconnecting after a broker restart.
 */
export class Backoff {
  private attempt = 0;
  private readonly initial: number;
  private readonly multiplier: number;
  private readonly max: number;

  constructor(options: BackoffOptions = {}) {
    this.initial = Math.max(0, options.initialDelayMs ?? 1000);
    this.multiplier = Math.max(1, options.multiplier ?? 2);
    this.max = Math.max(this.initial, options.maxDelayMs ?? 60_000);
  }

  /** The wait before the next attempt; each call counts one more failure. */
  next(): number {
    const low = this.initial * this.multiplier ** this.attempt;
    this.attempt = Math.min(this.attempt + 1, 30);
    const high = low * this.multiplier;
    return Math.min(this.max, low + Math.random() * (high - low));
  }

  reset(): void {
    this.attempt = 0;
  }
}
