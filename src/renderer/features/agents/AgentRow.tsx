import { memo, type JSX } from 'react';
import { ActionIcon, Badge, Button } from '@mantine/core';
import type { AgentSummary } from '../../../shared/console-api';
import { formatTime } from '../../lib/format';
import { agentIdentity, lastSeenText } from './agent-list';

export function presenceColor(a: AgentSummary): string {
  if (a.approval === 'pending') return 'orange';
  if (a.approval === 'rejected') return 'gray';
  return a.presence === 'online' ? 'green' : a.presence === 'offline' ? 'red' : 'gray';
}

function presenceLabel(a: AgentSummary): string {
  if (a.approval === 'pending') return 'awaiting approval';
  if (a.approval === 'rejected') return 'rejected';
  return a.presence;
}

/** What a row does; one stable object for every row, so unchanged rows are not rendered again. */
export interface AgentRowActions {
  select(agentId: string): void;
  open(agentId: string): void;
  check(agentId: string, range: boolean): void;
  pin(agent: AgentSummary): void;
  approve(agentId: string): void;
  reject(agentId: string): void;
}

/**
 * One agent in the list. Plain elements where Mantine adds nothing (cells, the checkbox, the
 * presence reason as a title): a filter that brings 50 rows into view mounts them within a frame.
 */
export const AgentRow = memo(function AgentRow({ agent: a, selected, checked, now, actions }: { agent: AgentSummary; selected: boolean; checked: boolean; now: number; actions: AgentRowActions }): JSX.Element {
  return (
    <div
      className="list-row agent-grid"
      role="row"
      aria-selected={selected}
      data-testid={`agent-row-${a.agentId}`}
      data-presence={a.presence}
      onClick={() => actions.select(a.agentId)}
      onDoubleClick={() => actions.open(a.agentId)}
    >
      <input
        type="checkbox"
        className="agent-check"
        aria-label={`Select ${a.agentId}`}
        data-testid="agent-check"
        checked={checked}
        readOnly
        onClick={(e) => {
          e.stopPropagation();
          actions.check(a.agentId, e.shiftKey);
        }}
      />
      <ActionIcon
        variant="subtle"
        size="sm"
        aria-label={a.pinned ? `Unpin ${a.agentId}` : `Pin ${a.agentId}`}
        onClick={(e) => {
          e.stopPropagation();
          actions.pin(a);
        }}
      >
        {a.pinned ? '★' : '☆'}
      </ActionIcon>
      <Badge color={presenceColor(a)} variant="light" size="sm" fullWidth data-testid="agent-presence" title={a.presenceReason}>{presenceLabel(a)}</Badge>
      <span className="cell strong" data-testid="agent-id" title={a.agentId}>{a.agentId}</span>
      <span className="cell">{a.mtp ?? '—'}</span>
      {a.approval === 'pending'
        ? <span className="cell span-2" title={agentIdentity(a)} data-testid="agent-identity-short">{agentIdentity(a)}</span>
        : <>
          <span className="cell" title={[a.manufacturer, a.model].filter(Boolean).join(' ')}>{a.model ?? '—'}</span>
          <span className="cell">{a.firmware ?? '—'}</span>
        </>}
      <span className="cell dimmed" title={formatTime(a.lastSeen)}>{lastSeenText(a, now)}</span>
      <span className="cell tags">
        {a.tags.map((t) => <Badge key={t} size="xs" variant="outline" title={t}>{t}</Badge>)}
      </span>
      {a.approval === 'pending' ? (
        <span className="tags">
          <Button size="compact-xs" color="green" data-testid="agent-approve" onClick={(e) => { e.stopPropagation(); actions.approve(a.agentId); }}>Approve</Button>
          <Button size="compact-xs" color="red" variant="light" data-testid="agent-reject" onClick={(e) => { e.stopPropagation(); actions.reject(a.agentId); }}>Reject</Button>
        </span>
      ) : (
        <Button size="compact-xs" variant="light" data-testid="agent-open" aria-label={`Open ${a.agentId}`} onClick={(e) => { e.stopPropagation(); actions.open(a.agentId); }}>Open</Button>
      )}
    </div>
  );
});
