import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import {
  ActionIcon, Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Tooltip,
} from '@mantine/core';
import type { AgentSummary } from '../../../shared/console-api';
import type { JobSummary } from '../../../shared/jobs/job-model';
import { useApiContext } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { agentIdentity, allTags, emptyAgentFilter, filterAgents, lastSeenText, type AgentViewFilter } from './agent-list';
import { useAgents } from './use-agents';
import { AgentDetails } from './AgentDetails';
import { JobWizard } from '../jobs/JobWizard';
import { SelectionBar } from '../jobs/SelectionBar';
import { clickSelect, emptySelection, keepKnown, selectAll } from '../jobs/selection';

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

export function AgentsView({ onOpen, onJobStarted }: { onOpen: (agentId: string) => void; onJobStarted: (jobId: string) => void }): JSX.Element {
  const { api, agents: store } = useApiContext();
  const agents = useAgents();
  const [filter, setFilter] = useState<AgentViewFilter>(emptyAgentFilter);
  const [selected, setSelected] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [picked, setPicked] = useState(emptySelection);
  const [wizard, setWizard] = useState(false);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  const visible = useMemo(() => filterAgents(agents, filter), [agents, filter]);
  const visibleIds = useMemo(() => visible.map((a) => a.agentId), [visible]);
  const selection = useMemo(() => keepKnown(picked, new Set(agents.map((a) => a.agentId))), [picked, agents]);
  const tags = useMemo(() => allTags(agents), [agents]);
  const selectedAgent = agents.find((a) => a.agentId === selected) ?? null;

  const act = useCallback(async (what: string, fn: () => Promise<AgentSummary>) => {
    try {
      const updated = await fn();
      store.apply([{ kind: 'upsert', agent: updated }]);
    } catch (e) {
      showError(e, what);
    }
  }, [store]);

  const renderRow = (a: AgentSummary): JSX.Element => (
    <div
      className="list-row agent-grid"
      role="row"
      aria-selected={a.agentId === selected}
      data-testid={`agent-row-${a.agentId}`}
      data-presence={a.presence}
      onClick={() => setSelected(a.agentId)}
      onDoubleClick={() => onOpen(a.agentId)}
    >
      <Checkbox
        size="xs"
        aria-label={`Select ${a.agentId}`}
        data-testid="agent-check"
        checked={selection.ids.has(a.agentId)}
        readOnly
        onClick={(e) => {
          e.stopPropagation();
          setPicked(clickSelect(selection, visibleIds, a.agentId, e.shiftKey));
        }}
      />
      <ActionIcon
        variant="subtle"
        size="sm"
        aria-label={a.pinned ? `Unpin ${a.agentId}` : `Pin ${a.agentId}`}
        onClick={(e) => {
          e.stopPropagation();
          void act('Pin', () => api.setAgentPinned(a.agentId, !a.pinned));
        }}
      >
        {a.pinned ? '★' : '☆'}
      </ActionIcon>
      <Tooltip label={a.presenceReason} openDelay={300} multiline maw={360}>
        <Badge color={presenceColor(a)} variant="light" size="sm" fullWidth data-testid="agent-presence">{presenceLabel(a)}</Badge>
      </Tooltip>
      <Text size="sm" fw={500} className="cell" data-testid="agent-id" title={a.agentId}>{a.agentId}</Text>
      <Text size="sm" className="cell">{a.mtp ?? '—'}</Text>
      {a.approval === 'pending'
        ? <Text size="sm" className="cell span-2" title={agentIdentity(a)} data-testid="agent-identity-short">{agentIdentity(a)}</Text>
        : <>
          <Text size="sm" className="cell" title={[a.manufacturer, a.model].filter(Boolean).join(' ')}>{a.model ?? '—'}</Text>
          <Text size="sm" className="cell">{a.firmware ?? '—'}</Text>
        </>}
      <Text size="sm" c="dimmed" className="cell" title={formatTime(a.lastSeen)}>{lastSeenText(a, now)}</Text>
      <Group gap={4} wrap="nowrap" className="cell">
        {a.tags.map((t) => <Badge key={t} size="xs" variant="outline" title={t}>{t}</Badge>)}
      </Group>
      {a.approval === 'pending' ? (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" color="green" data-testid="agent-approve" onClick={(e) => { e.stopPropagation(); void act('Approve', () => api.approveAgent(a.agentId)); }}>Approve</Button>
          <Button size="compact-xs" color="red" variant="light" data-testid="agent-reject" onClick={(e) => { e.stopPropagation(); void act('Reject', () => api.rejectAgent(a.agentId)); }}>Reject</Button>
        </Group>
      ) : (
        <Button size="compact-xs" variant="light" data-testid="agent-open" aria-label={`Open ${a.agentId}`} onClick={(e) => { e.stopPropagation(); onOpen(a.agentId); }}>Open</Button>
      )}
    </div>
  );

  return (
    <Group align="stretch" wrap="nowrap" gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs">
          <TextInput
            placeholder="Filter by endpoint, model, firmware, serial, tag…"
            aria-label="Filter agents"
            data-testid="agent-filter"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <SegmentedControl
            aria-label="Presence"
            data-testid="agent-presence-filter"
            value={filter.presence}
            onChange={(v) => setFilter({ ...filter, presence: v as AgentViewFilter['presence'] })}
            data={[
              { value: 'all', label: 'All' }, { value: 'online', label: 'Online' },
              { value: 'offline', label: 'Offline' }, { value: 'pending', label: 'Awaiting approval' },
            ]}
          />
          <Select
            placeholder="Tag"
            aria-label="Filter by tag"
            clearable
            data={tags}
            value={filter.tag}
            onChange={(v) => setFilter({ ...filter, tag: v })}
            w={140}
          />
        </Group>
        <SelectionBar
          selected={selection.ids.size}
          matching={visible.length}
          total={agents.length}
          onSelectAll={() => setPicked(selectAll(selection, visibleIds))}
          onClear={() => setPicked(emptySelection)}
          onNewJob={() => setWizard(true)}
        />
        <div className="list-row agent-grid" role="row" style={{ fontWeight: 600, fontSize: 12 }} aria-hidden>
          <span />
          <span />
          <Text size="xs" fw={600}>Presence</Text>
          <Text size="xs" fw={600}>Endpoint ID</Text>
          <Text size="xs" fw={600}>MTP</Text>
          <Text size="xs" fw={600}>Model</Text>
          <Text size="xs" fw={600}>Firmware</Text>
          <Text size="xs" fw={600}>Last seen</Text>
          <Text size="xs" fw={600}>Tags</Text>
          <span />
        </div>
        <div style={{ flex: 1, minHeight: 0 }}>
          <VirtualList
            items={visible} rowHeight={34} getKey={(a) => a.agentId} renderRow={renderRow} role="grid" label="Agents" testId="agent-list"
            scrollToIndex={visible.findIndex((a) => a.agentId === selected)}
            onKeyDown={(e) => {
              // Arrows move through the agents, Home/End jump, Enter opens the selected one.
              const i = visible.findIndex((a) => a.agentId === selected);
              const next = e.key === 'ArrowDown' ? Math.min(i + 1, visible.length - 1) : e.key === 'ArrowUp' ? Math.max(i - 1, 0)
                : e.key === 'Home' ? 0 : e.key === 'End' ? visible.length - 1 : null;
              if (next !== null && visible[next]) {
                e.preventDefault();
                setSelected(visible[next].agentId);
              } else if (e.key === 'Enter' && selected !== null) {
                e.preventDefault();
                onOpen(selected);
              }
            }}
          />
        </div>
      </Stack>
      {wizard && (
        <JobWizard
          picked={[...selection.ids]}
          onClose={() => setWizard(false)}
          onStarted={(job: JobSummary) => {
            setWizard(false);
            onJobStarted(job.id);
          }}
        />
      )}
      {selectedAgent && (
        <AgentDetails key={selectedAgent.agentId} agent={selectedAgent} onOpen={onOpen} onChanged={(a) => store.apply([{ kind: 'upsert', agent: a }])} />
      )}
    </Group>
  );
}
