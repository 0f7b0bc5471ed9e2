import { memo, type JSX } from 'react';
import { Badge } from '@mantine/core';
import { useLiveValue } from '../../api/api-context';
import { formatAge } from '../../lib/format';
import type { TreeRow } from './tree-model';

const BLINK_MS = 1500;

function ParamValue({ agentId, row, now }: { agentId: string; row: TreeRow; now: number }): JSX.Element {
  const live = useLiveValue(agentId, row.path);
  const value = live?.value ?? row.param?.value ?? null;
  const readAt = live?.readAt ?? row.param?.readAt ?? null;
  const blinking = live?.changedAt != null && now - live.changedAt < BLINK_MS;
  return (
    <>
      <span
        key={live?.changedAt ?? 0}
        className={`value mono${blinking ? ' blink' : ''}`}
        data-testid="tree-value"
        title={value ?? ''}
      >
        {value === null ? '—' : value === '' ? '""' : value}
      </span>
      {readAt !== null && <span className="age" title="age of the value">{formatAge(now - readAt)}</span>}
    </>
  );
}

const KIND_BADGE: Partial<Record<TreeRow['kind'], string>> = { table: 'table', command: 'cmd', event: 'event' };

export const TreeRowView = memo(function TreeRowView({ agentId, row, selected, now, onSelect, onToggle }: {
  agentId: string;
  row: TreeRow;
  selected: boolean;
  now: number;
  onSelect: (row: TreeRow) => void;
  onToggle: (row: TreeRow) => void;
}): JSX.Element {
  const badge = KIND_BADGE[row.kind];
  return (
    <div
      className="tree-row"
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-label={row.path}
      data-testid={`tree-row-${row.path}`}
      data-kind={row.kind}
      style={{ paddingLeft: 8 + row.depth * 16 }}
      onClick={() => onSelect(row)}
      onDoubleClick={() => row.expandable && onToggle(row)}
    >
      <span
        className="tree-toggle"
        data-testid={row.expandable ? 'tree-toggle' : undefined}
        onClick={(e) => {
          if (!row.expandable) return;
          e.stopPropagation();
          onToggle(row);
        }}
      >
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className="name" style={row.kind === 'error' ? { color: 'var(--mantine-color-red-text)' } : undefined}>
        {row.name}
      </span>
      {badge && <Badge size="xs" variant="light">{badge}</Badge>}
      {row.kind === 'param' && <ParamValue agentId={agentId} row={row} now={now} />}
    </div>
  );
});
