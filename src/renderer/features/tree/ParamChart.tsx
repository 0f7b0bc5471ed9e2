import { useEffect, useMemo, useState, type JSX } from 'react';
import { Text } from '@mantine/core';
import type { ParamEntry } from '../../../shared/console-api';
import { useApi, useLiveValue } from '../../api/api-context';
import { showError } from '../../lib/notify';
import { seriesFor, type ChartPoint } from '../feed/chart-series';
import { ValueChart } from '../feed/ValueChart';

/** ValueChanges of the parameter read back from the store for the chart. */
const HISTORY_LIMIT = 1000;
/** Points kept for one chart; the oldest fall off. */
const MAX_POINTS = 5000;

const NUMERIC = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** Types whose values can be charted. */
export function isChartable(param: ParamEntry): boolean {
  return ['int', 'unsignedInt', 'long', 'unsignedLong', 'decimal'].includes(param.schema.type);
}

/** Adds a point unless the series already has one at that time; keeps time order and the bound. */
function withPoint(points: readonly ChartPoint[], point: ChartPoint): ChartPoint[] {
  if (points.some((p) => p.t === point.t)) return [...points];
  return [...points, point].sort((a, b) => a.t - b.t).slice(-MAX_POINTS);
}

/**
 * One numeric parameter over time (uPlot, as in the feed): its stored ValueChanges and the
 * cached value first, then every value the console learns while the chart is open (ValueChange,
 * Get, Set).
 */
export function ParamChart({ agentId, param }: { agentId: string; param: ParamEntry }): JSX.Element {
  const api = useApi();
  const live = useLiveValue(agentId, param.path);
  const [points, setPoints] = useState<ChartPoint[]>(() =>
    param.value !== null && param.readAt !== null && NUMERIC.test(param.value.trim()) ? [{ t: param.readAt, v: Number(param.value) }] : []);

  useEffect(() => {
    let cancelled = false;
    api.queryNotifications({ agentIds: [agentId], types: ['ValueChange'], path: { text: param.path, match: 'exact' }, limit: HISTORY_LIMIT }).then((page) => {
      if (cancelled) return;
      setPoints((prev) => seriesFor(page.items, agentId, param.path).reduce(withPoint, prev));
    }, (e: unknown) => showError(e, `History of ${param.path}`));
    return () => {
      cancelled = true;
    };
  }, [api, agentId, param.path]);

  // A live value joins the series once (the same read is not added twice).
  const [lastLive, setLastLive] = useState<number | null>(null);
  if (live && live.readAt !== lastLive) {
    setLastLive(live.readAt);
    if (NUMERIC.test(live.value.trim())) setPoints((prev) => withPoint(prev, { t: live.readAt, v: Number(live.value) }));
  }

  const units = param.schema.reference?.units;
  const series = useMemo(() => [{ label: param.path, points, ...(units ? { units } : {}) }], [param.path, units, points]);
  return (
    <div data-testid="param-chart-panel">
      <Text size="xs" c="dimmed" data-testid="param-chart-count">{points.length} values charted (stored history and live changes)</Text>
      <ValueChart series={series} testId="param-chart" />
    </div>
  );
}
