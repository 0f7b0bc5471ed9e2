import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, type JSX } from 'react';
import { Text } from '@mantine/core';
import uPlot from 'uplot';
import { alignSeries, type ChartPoint } from './chart-series';

export interface ChartSeries {
  label: string;
  points: readonly ChartPoint[];
  /** Shown on the value axis, e.g. 'seconds' (from the TR-181 reference). */
  units?: string;
}

const COLORS = ['#228be6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#1098ad'];
const HEIGHT = 220;

/**
 * Numeric parameters over time with uPlot: a time axis with labels, a value axis (with units
 * when known), the values under the cursor in the legend, several series at once, drag to zoom
 * (double-click resets).
 */
export function ValueChart({ series, testId = 'feed-chart' }: { series: readonly ChartSeries[]; testId?: string }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Drag-selected a range: new points keep that zoom; a double-click (uPlot's reset) follows the data again.
  const zoomed = useRef(false);
  const shape = series.map((s) => `${s.label}|${s.units ?? ''}`).join('\n');
  const total = series.reduce((n, s) => n + s.points.length, 0);

  // One chart per set of series; new points only replace the data (and widen the axes unless zoomed).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const units = [...new Set(series.map((s) => s.units).filter((u): u is string => !!u))];
    const chart = new uPlot({
      width: Math.max(320, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: true } },
      axes: [{ label: 'time' }, { label: units.length === 1 ? units[0] : 'value', size: 60 }],
      series: [{ label: 'time' }, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true, points: { show: true, size: 4 } }))],
      cursor: { drag: { x: true, y: false } },
      hooks: { setSelect: [(u) => { zoomed.current = u.select.width > 0; }] },
    }, alignSeries(series.map((s) => s.points)), el);
    plot.current = chart;
    zoomed.current = false;
    const unzoom = (): void => {
      zoomed.current = false;
    };
    el.addEventListener('dblclick', unzoom);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      el.removeEventListener('dblclick', unzoom);
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The chart is rebuilt when the set of series changes, not on every new point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(alignSeries(series.map((s) => s.points)), !zoomed.current);
  }, [series]);

  return (
    <div data-testid={testId} aria-label={`Chart of ${series.map((s) => s.label).join(', ')}`}>
      {total === 0 && <Text size="xs" c="dimmed">No numeric values yet.</Text>}
      <div ref={host} />
    </div>
  );
}
