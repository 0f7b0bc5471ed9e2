import { useCallback, useMemo, useState, type JSX } from 'react';
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { PageRequest, TraceRow } from '../../../shared/console-api';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { everyMs } from '../../lib/batcher';
import { formatClock } from '../../lib/format';
import { usePagedHistory } from '../../lib/use-paged-history';
import { Composer } from './Composer';
import {
  emptyTraceFilter, matchesTraceFilter, mergeTraceRows, TracePairer, type TraceViewFilter,
} from './inspector-model';
import { TraceDetailPane } from './TraceDetailPane';
import { useAgentIds } from '../agents/use-agents';

const traceSchedule = everyMs(100);
const MSG_TYPES = [
  'GET', 'GET_RESP', 'SET', 'SET_RESP', 'ADD', 'ADD_RESP', 'DELETE', 'DELETE_RESP', 'OPERATE', 'OPERATE_RESP', 'NOTIFY', 'NOTIFY_RESP',
  'GET_SUPPORTED_DM', 'GET_SUPPORTED_DM_RESP', 'GET_INSTANCES', 'GET_INSTANCES_RESP', 'GET_SUPPORTED_PROTO', 'GET_SUPPORTED_PROTO_RESP', 'ERROR',
];

/** Every Record in and out, decoded, requests paired with responses; compose and send. */
export function InspectorView({ agentId }: { agentId: string | null }): JSX.Element {
  const api = useApi();
  const [pairer] = useState(() => new TracePairer());
  const [rows, setRows] = useState<TraceRow[]>([]);
  const [filter, setFilter] = useState<TraceViewFilter>({ ...emptyTraceFilter, agentId });
  const [selected, setSelected] = useState<number | null>(null);
  const [composing, setComposing] = useState(false);
  const agentIds = useAgentIds();

  const addRows = useCallback((batch: readonly TraceRow[]) => {
    pairer.add(batch);
    setRows((prev) => mergeTraceRows(prev, batch));
  }, [pairer]);

  useConsoleEvent('trace', addRows, traceSchedule);

  const fetchPage = useCallback((page: PageRequest) => api.queryTrace(page), [api]);
  const history = usePagedHistory(fetchPage, addRows, 'Loading messages');

  const visible = useMemo(() => rows.filter((r) => matchesTraceFilter(r, filter)), [rows, filter]);
  const selectedIndex = selected === null ? -1 : visible.findIndex((r) => r.id === selected);

  const renderRow = (r: TraceRow): JSX.Element => {
    const pair = pairer.pairOf(r.id);
    return (
      <div
        className="list-row two-line"
        role="row"
        aria-selected={r.id === selected}
        data-testid="trace-row"
        data-msg-type={r.msgType ?? ''}
        data-trace-id={r.id}
        onClick={() => setSelected(r.id)}
        style={{ cursor: 'pointer' }}
      >
        <div className="line">
          <span className="mono" style={{ flex: '0 0 90px' }}>{formatClock(r.at)}</span>
          <Badge size="xs" variant="light" color={r.direction === 'in' ? 'teal' : 'indigo'} style={{ flex: '0 0 60px' }}>{r.direction === 'in' ? '← in' : 'out →'}</Badge>
          <Text size="sm" fw={500} className="grow" c={r.msgType === 'ERROR' || r.decodeError ? 'red' : undefined}>{r.msgType ?? r.recordKind ?? '?'}</Text>
          <Text size="xs" c="dimmed" style={{ flex: '0 0 auto', textAlign: 'right' }}>{pair ? `${pair.latencyMs} ms` : ''}</Text>
        </div>
        <div className="line">
          <Text size="xs" c="dimmed" style={{ flex: '0 0 auto' }}>{r.agentId}</Text>
          <span className="grow mono" title={r.summary}>{r.summary}</span>
        </div>
      </div>
    );
  };

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }} data-testid="inspector-view">
      <Group gap="xs" align="flex-end">
        <Select
          label="Agent" aria-label="Filter by agent" data={[...agentIds]} value={filter.agentId} clearable searchable w={240}
          onChange={(v) => setFilter({ ...filter, agentId: v })} data-testid="trace-filter-agent" comboboxProps={{ withinPortal: true }}
        />
        <SegmentedControl
          aria-label="Direction" value={filter.direction ?? 'both'} mb={2}
          onChange={(v) => setFilter({ ...filter, direction: v === 'both' ? null : (v as 'in' | 'out') })}
          data={[{ value: 'both', label: 'Both' }, { value: 'out', label: 'Sent' }, { value: 'in', label: 'Received' }]}
        />
        <Select
          label="Type" aria-label="Filter by message type" data={MSG_TYPES} value={filter.msgType} clearable searchable w={220}
          onChange={(v) => setFilter({ ...filter, msgType: v })} data-testid="trace-filter-type" comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Text" aria-label="Filter messages" value={filter.text} style={{ flex: 1 }} data-testid="trace-filter-text"
          onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <Button onClick={() => setComposing(true)} data-testid="compose-open" mb={2}>Compose…</Button>
      </Group>
      <Text size="xs" c="dimmed">{visible.length} messages shown</Text>
      <Group align="stretch" wrap="nowrap" gap="sm" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder style={{ flex: 1, minWidth: 0 }}>
          <VirtualList
            items={visible}
            rowHeight={46}
            role="grid"
            label="Messages"
            testId="trace-list"
            getKey={(r) => r.id}
            renderRow={renderRow}
            scrollToIndex={selectedIndex}
            onEndReached={history.loadMore}
          />
        </Paper>
        <Paper withBorder p="sm" style={{ overflow: 'auto', flex: '0 1 460px', minWidth: 320 }}>
          {selected === null
            ? <Text size="sm" c="dimmed">Select a message to decode it.</Text>
            : <TraceDetailPane key={selected} traceId={selected} pairing={pairer.pairOf(selected)} onSelect={setSelected} />}
        </Paper>
      </Group>
      {composing && <Composer agentIds={agentIds} defaultAgent={agentId} opened onClose={() => setComposing(false)} />}
    </Stack>
  );
}
