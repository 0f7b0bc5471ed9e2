import type { NotificationRecord } from '../../../shared/console-api';

export interface ChartPoint {
  t: number;
  v: number;
}

/** Numeric ValueChange values of one parameter of one agent, oldest first. */
export function seriesFor(rows: readonly NotificationRecord[], agentId: string, paramPath: string): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const n of rows) {
    if (n.type !== 'ValueChange' || n.agentId !== agentId || n.paramPath !== paramPath) continue;
    if (!/^[+-]?[0-9]+(\.[0-9]+)?$/.test(n.paramValue.trim())) continue;
    points.push({ t: n.receivedAt, v: Number(n.paramValue) });
  }
  return points.sort((a, b) => a.t - b.t);
}

/** Parameters that have numeric ValueChanges in the rows, as chart candidates ('agent|path'). */
export function numericParams(rows: readonly NotificationRecord[]): { agentId: string; path: string }[] {
  const seen = new Map<string, { agentId: string; path: string }>();
  for (const n of rows) {
    if (n.type !== 'ValueChange' || !/^[+-]?[0-9]+(\.[0-9]+)?$/.test(n.paramValue.trim())) continue;
    const key = `${n.agentId}|${n.paramPath}`;
    if (!seen.has(key)) seen.set(key, { agentId: n.agentId, path: n.paramPath });
  }
  return [...seen.values()];
}

/**
 * Several series on one time axis, as uPlot wants them: x in seconds (the union of every
 * series' times, ascending), one y array per series with null where it has no point.
 */
export function alignSeries(series: readonly (readonly ChartPoint[])[]): [number[], ...(number | null)[][]] {
  const times = [...new Set(series.flatMap((s) => s.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array<number | null>(times.length).fill(null);
    for (const p of s) y[index.get(p.t)!] = p.v;
    return y;
  });
  return [times.map((t) => t / 1000), ...ys];
}
