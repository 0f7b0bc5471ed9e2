import type { JSX } from 'react';
import { Group, Text } from '@mantine/core';
import { formatClock } from '../../lib/format';
import { chartGeometry, type ChartPoint } from './chart-series';

const W = 600;
const H = 120;

/** A numeric parameter over time, as a plain SVG line (no chart library, CSP-safe). */
export function ValueChart({ points, label }: { points: readonly ChartPoint[]; label: string }): JSX.Element {
  const g = chartGeometry(points, W, H);
  if (!g) return <Text size="xs" c="dimmed">No numeric values yet.</Text>;
  return (
    <div data-testid="feed-chart">
      <Group justify="space-between">
        <Text size="xs" className="mono">{label}</Text>
        <Text size="xs" c="dimmed">{points.length} points · min {g.min} · max {g.max}</Text>
      </Group>
      <svg viewBox={`-4 -4 ${W + 8} ${H + 8}`} width="100%" height={H + 8} role="img" aria-label={`Chart of ${label}`} preserveAspectRatio="none">
        <path d={g.d} className="chart-line" vectorEffect="non-scaling-stroke" />
      </svg>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">{formatClock(g.from)}</Text>
        <Text size="xs" c="dimmed">{formatClock(g.to)}</Text>
      </Group>
    </div>
  );
}
