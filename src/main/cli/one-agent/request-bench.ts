import { performance } from 'node:perf_hooks';

export interface BenchReport {
  requests: number;
  inFlight: number;
  /** Requests answered with a usable response. */
  succeeded: number;
  /** A USP Error, a failed path, or any failure other than a timeout. */
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** Answered requests (including USP errors) per second of wall time. */
  roundTripsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
}

/** What one request came to: a response (ok or USP error) or a timeout / other failure. */
export type BenchOutcome = 'ok' | 'error' | 'timeout';

/** The value at quantile q (0..1) of sorted numbers (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/**
 * Sends `requests` requests keeping `inFlight` outstanding (a new one starts as soon as one
 * ends), timing each round trip; latencies of timed-out requests are left out.
 */
export async function runRequestBench(requests: number, inFlight: number, send: () => Promise<BenchOutcome>): Promise<BenchReport> {
  const latencies: number[] = [];
  let succeeded = 0;
  let errors = 0;
  let timeouts = 0;
  let started = 0;
  const begin = performance.now();
  const worker = async (): Promise<void> => {
    while (started < requests) {
      started++;
      const t0 = performance.now();
      const outcome = await send();
      if (outcome === 'timeout') timeouts++;
      else {
        latencies.push(performance.now() - t0);
        if (outcome === 'ok') succeeded++;
        else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, requests) }, worker));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const mean = latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return {
    requests,
    inFlight,
    succeeded,
    errors,
    timeouts,
    durationSeconds: round(seconds),
    roundTripsPerSecond: round(latencies.length / seconds, 1),
    latencyMs: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? 0), mean: round(mean) },
  };
}
