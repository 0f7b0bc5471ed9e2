import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import { Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AgentSummary } from '../../../shared/console-api';
import type { JobSummary } from '../../../shared/jobs/job-model';
import { useApiContext } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { showError } from '../../lib/notify';
import { allTags, emptyAgentFilter, filterAgents, type AgentViewFilter } from './agent-list';
import { AgentRow, type AgentRowActions } from './AgentRow';
import { useAgents } from './use-agents';
import { AgentDetails } from './AgentDetails';
import { JobWizard } from '../jobs/JobWizard';
import { SelectionBar } from '../jobs/SelectionBar';
import { clickSelect, emptySelection, keepKnown, selectAll } from '../jobs/selection';

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

  // Rows get one stable actions object; what it needs of the current render it reads from a ref.
  const latest = useRef({ selection, visibleIds });
  useLayoutEffect(() => {
    latest.current = { selection, visibleIds };
  });
  const actions = useMemo<AgentRowActions>(() => ({
    select: setSelected,
    open: onOpen,
    check: (agentId, range) => setPicked(clickSelect(latest.current.selection, latest.current.visibleIds, agentId, range)),
    pin: (a) => void act('Pin', () => api.setAgentPinned(a.agentId, !a.pinned)),
    approve: (agentId) => void act('Approve', () => api.approveAgent(agentId)),
    reject: (agentId) => void act('Reject', () => api.rejectAgent(agentId)),
  }), [onOpen, act, api]);
  const renderRow = (a: AgentSummary): JSX.Element => (
    <AgentRow agent={a} selected={a.agentId === selected} checked={selection.ids.has(a.agentId)} now={now} actions={actions} />
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
