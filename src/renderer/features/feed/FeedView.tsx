import { useCallback, useMemo, useState, type JSX } from 'react';
import { Button, Group, MultiSelect, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notificationTypes, type NotificationRecord, type NotificationType, type PageRequest, type PathMatch } from '../../../shared/console-api';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { everyMs } from '../../lib/batcher';
import { downloadText } from '../../lib/download';
import { showError } from '../../lib/notify';
import { usePagedHistory } from '../../lib/use-paged-history';
import { numericParams, seriesFor } from './chart-series';
import { FeedBuffer } from './feed-buffer';
import { toCsvExport, toJsonExport } from './feed-export';
import { emptyFeedFilter, matchesFeedFilter, toNotificationQuery, type FeedFilter } from './feed-filter';
import { FeedRow } from './FeedRow';
import { useAgentIds } from '../agents/use-agents';
import { ValueChart } from './ValueChart';
import { ConsoleNotes } from './ConsoleNotes';

/** Select options for the chart picker; the current choices stay listed. */
function chartOptions(candidates: { agentId: string; path: string }[], current: readonly string[]): { value: string; label: string }[] {
  const options = candidates.map((c) => ({ value: `${c.agentId}|${c.path}`, label: `${c.agentId} ${c.path}` }));
  for (const key of current) if (!options.some((o) => o.value === key)) options.unshift({ value: key, label: key.replace('|', ' ') });
  return options;
}

/** The feed refreshes at most ten times a second however busy the network is. */
const feedSchedule = everyMs(100);
const EXPORT_MAX_PAGES = 200;

/** Live notifications from every agent, with history, filters, pause, export and a chart. */
export function FeedView({ onOpenPath }: { onOpenPath: (agentId: string, path: string) => void }): JSX.Element {
  const api = useApi();
  const [buffer] = useState(() => new FeedBuffer());
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<FeedFilter>(emptyFeedFilter);
  const agentIds = useAgentIds();
  const [chartKeys, setChartKeys] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  useConsoleEvent('notifications', (batch) => {
    if (buffer.add(batch)) bump();
    else if (buffer.isPaused) bump();
  }, feedSchedule);

  const fetchHistory = useCallback((page: PageRequest) => api.queryNotifications(toNotificationQuery(filter, page)), [api, filter]);
  const history = usePagedHistory(fetchHistory, (items) => {
    buffer.appendHistory(items);
    bump();
  }, 'Loading notification history');

  const rows = useMemo(() => {
    void version;
    return buffer.items.filter((n) => matchesFeedFilter(n, filter));
  }, [buffer, filter, version]);
  // Chart candidates are computed when the picker opens, not on every busy-feed refresh.
  const [candidates, setCandidates] = useState<{ agentId: string; path: string }[]>([]);
  const chart = useMemo(() => {
    void version;
    return chartKeys.map((key) => {
      const [agentId, path] = key.split('|') as [string, string];
      return { label: `${agentId} ${path}`, points: seriesFor(buffer.items, agentId, path) };
    });
  }, [chartKeys, buffer, version]);

  const exportAs = async (format: 'json' | 'csv'): Promise<void> => {
    setExporting(true);
    try {
      const all: NotificationRecord[] = [];
      let next: string | null = null;
      for (let i = 0; i < EXPORT_MAX_PAGES; i++) {
        const page = await api.queryNotifications(toNotificationQuery(filter, next ? { cursor: next, limit: 1000 } : { limit: 1000 }));
        all.push(...page.items);
        next = page.nextCursor;
        if (!next) break;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      if (format === 'json') downloadText(`notifications-${stamp}.json`, 'application/json', toJsonExport(all));
      else downloadText(`notifications-${stamp}.csv`, 'text/csv', toCsvExport(all));
    } catch (e) {
      showError(e, 'Export');
    } finally {
      setExporting(false);
    }
  };

  const renderRow = useCallback((n: NotificationRecord): JSX.Element => <FeedRow n={n} onOpenPath={onOpenPath} />, [onOpenPath]);

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }} data-testid="feed-view">
      <Group gap="xs" align="flex-end">
        <MultiSelect
          label="Agents" aria-label="Filter by agent" data-testid="feed-filter-agent" data={[...agentIds]} value={filter.agentIds}
          onChange={(v) => setFilter({ ...filter, agentIds: v })} clearable searchable w={240} comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Types" aria-label="Filter by type" data-testid="feed-filter-type" data={[...notificationTypes]} value={filter.types}
          onChange={(v) => setFilter({ ...filter, types: v as NotificationType[] })} clearable w={260} comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Path" aria-label="Filter by path" data-testid="feed-filter-path" value={filter.pathText} classNames={{ input: 'mono' }}
          onChange={(e) => setFilter({ ...filter, pathText: e.currentTarget.value })} style={{ flex: 1 }}
        />
        <Select
          label="Match" aria-label="Path match" data={['contains', 'prefix', 'exact']} value={filter.pathMatch} w={110} allowDeselect={false}
          onChange={(v) => v && setFilter({ ...filter, pathMatch: v as PathMatch })}
        />
        <Switch
          label={buffer.isPaused ? `Paused (${buffer.heldCount} new)` : 'Live'}
          checked={!buffer.isPaused}
          data-testid="feed-pause"
          aria-label="Live updates"
          onChange={(e) => {
            buffer.setPaused(!e.currentTarget.checked);
            bump();
          }}
          mb={6}
        />
        <Button size="xs" variant="default" loading={exporting} onClick={() => void exportAs('json')} data-testid="feed-export-json" mb={4}>Export JSON</Button>
        <Button size="xs" variant="default" loading={exporting} onClick={() => void exportAs('csv')} data-testid="feed-export-csv" mb={4}>Export CSV</Button>
      </Group>
      <Group gap="xs">
        <Text size="xs" c="dimmed" data-testid="feed-count">{rows.length} shown</Text>
        <MultiSelect
          size="xs" placeholder="Chart numeric parameters…" aria-label="Chart parameters" data-testid="feed-chart-param" clearable searchable
          data={chartOptions(candidates, chartKeys)}
          value={chartKeys} onChange={setChartKeys} w={520} comboboxProps={{ withinPortal: true }}
          onDropdownOpen={() => setCandidates(numericParams(buffer.items).slice(0, 200))}
        />
      </Group>
      <ConsoleNotes agentIds={filter.agentIds} />
      {chart.length > 0 && <Paper withBorder p="xs"><ValueChart series={chart} /></Paper>}
      <Paper withBorder style={{ flex: 1, minHeight: 0 }}>
        <VirtualList
          items={rows}
          rowHeight={28}
          role="grid"
          label="Notifications"
          testId="feed-list"
          getKey={(n) => n.id}
          renderRow={renderRow}
          onEndReached={history.loadMore}
        />
      </Paper>
    </Stack>
  );
}
