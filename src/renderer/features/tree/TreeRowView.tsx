import { memo, type JSX } from 'react';
import { Badge } from '@mantine/core';
import { useLiveValue } from '../../api/api-context';
import { formatAge } from '../../lib/format';
import { InlineEditor } from './InlineEditor';
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

function EditingValue({ agentId, row, onCommit, onCancel }: {
  agentId: string;
  row: TreeRow;
  onCommit: (value: string) => Promise<string | null>;
  onCancel: () => void;
}): JSX.Element {
  const live = useLiveValue(agentId, row.path);
  return <InlineEditor param={row.param!} initial={live?.value ?? row.param?.value ?? ''} onCommit={onCommit} onCancel={onCancel} />;
}

const KIND_BADGE: Partial<Record<TreeRow['kind'], string>> = { table: 'table', command: 'cmd', event: 'event' };

export const TreeRowView = memo(function TreeRowView({ agentId, row, selected, editing, now, onSelect, onToggle, onEdit, onCommit }: {
  agentId: string;
  row: TreeRow;
  selected: boolean;
  editing: boolean;
  now: number;
  onSelect: (row: TreeRow) => void;
  onToggle: (row: TreeRow) => void;
  /** Start (row) or stop (null) in-row editing. */
  onEdit: (row: TreeRow | null) => void;
  /** Sets the value; resolves with the agent's reason when it refused it. */
  onCommit: (row: TreeRow, value: string) => Promise<string | null>;
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
      onDoubleClick={() => {
        if (row.expandable) onToggle(row);
        else if (row.param && row.param.schema.access !== 'readOnly') onEdit(row);
      }}
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
      {badge && (
        <Badge size="xs" variant="light" data-testid="tree-badge">
          {row.kind === 'table' && row.object?.instanceCount != null ? `${badge} · ${row.object.instanceCount}` : badge}
        </Badge>
      )}
      {row.kind === 'param' && !editing && <ParamValue agentId={agentId} row={row} now={now} />}
      {row.kind === 'param' && editing && (
        <EditingValue agentId={agentId} row={row} onCancel={() => onEdit(null)} onCommit={(v) => onCommit(row, v)} />
      )}
    </div>
  );
});
