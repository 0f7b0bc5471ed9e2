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

export interface ChartGeometry {
  /** SVG path 'M x y L x y ...' in a width×height box (y grows downwards). */
  d: string;
  min: number;
  max: number;
  from: number;
  to: number;
}

/** Scales points into the box; a flat series is drawn mid-height. */
export function chartGeometry(points: readonly ChartPoint[], width: number, height: number): ChartGeometry | null {
  if (points.length === 0) return null;
  const from = points[0]!.t;
  const to = points[points.length - 1]!.t;
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    min = Math.min(min, p.v);
    max = Math.max(max, p.v);
  }
  const span = to - from;
  const range = max - min;
  const x = (t: number): number => (span === 0 ? width / 2 : ((t - from) / span) * width);
  const y = (v: number): number => (range === 0 ? height / 2 : height - ((v - min) / range) * height);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)}`).join(' ');
  return { d, min, max, from, to };
}
