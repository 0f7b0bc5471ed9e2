import { useCallback, useEffect, useState, type JSX } from 'react';
import {
  Badge, Button, FileButton, Group, Paper, Progress, Select, Stack, Switch, Text, TextInput, Title,
} from '@mantine/core';
import type { DiffChange, ProgressUpdate, SnapshotDiff, SnapshotSummary } from '../../../shared/console-api';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { VirtualList } from '../../components/VirtualList';
import { formatTime } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';
import { newProgressId, parseDiffSide } from './diff-sides';
import { useAgents } from '../agents/use-agents';
import { ExportSnapshotModal } from './ExportSnapshotModal';

const CHANGE_COLOR: Record<DiffChange, string> = { added: 'green', removed: 'red', changed: 'yellow' };

/** One side of a diff entry: a secret the backend withheld reads "(redacted)", not empty. */
const shownValue = (value: string | undefined, redacted: boolean | undefined): string => (value === undefined ? '' : redacted ? '(redacted)' : value);

/** Capture, list, export/import and diff snapshots of agents' data models. */
export function SnapshotsView({ agentId }: { agentId: string | null }): JSX.Element {
  const api = useApi();
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const agents = useAgents();
  const [captureAgent, setCaptureAgent] = useState<string | null>(agentId);
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<ProgressUpdate | null>(null);
  const [progressId, setProgressId] = useState<string | null>(null);
  const [left, setLeft] = useState<string | null>(null);
  const [right, setRight] = useState<string | null>(null);
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState<SnapshotSummary | null>(null);
  const [ignoreVolatile, setIgnoreVolatile] = useState(true);

  const reload = useCallback((): Promise<void> => api.listSnapshots().then(setSnapshots, (e: unknown) => showError(e, 'Loading snapshots')), [api]);

  useEffect(() => {
    void reload();
  }, [api, reload]);

  useConsoleEvent('progress', (batch) => {
    const mine = batch.filter((p) => p.progressId === progressId);
    if (mine.length > 0) setProgress(mine[mine.length - 1]!);
  });

  const capture = async (): Promise<void> => {
    if (!captureAgent) return;
    const id = newProgressId('snapshot');
    setProgressId(id);
    setProgress({ progressId: id, kind: 'snapshot-capture', agentId: captureAgent, label: 'Starting…', done: 0, total: null, state: 'running' });
    setBusy(true);
    try {
      const s = await api.captureSnapshot(captureAgent, { progressId: id, ...(name ? { name } : {}) });
      showSuccess(`Captured ${s.name}: ${s.paramCount} parameters${s.origin === 'cache' ? ' from the cache (the agent is offline)' : ''}`);
      setName('');
      await reload();
    } catch (e) {
      showError(e, 'Capture');
    } finally {
      setBusy(false);
      setProgressId(null);
      setProgress(null);
    }
  };

  const importFile = async (file: File | null): Promise<void> => {
    if (!file) return;
    try {
      const s = await api.importSnapshot({ fileName: file.name, content: await file.text() });
      showSuccess(`Imported ${s.name}`);
      await reload();
    } catch (e) {
      showError(e, 'Import');
    }
  };

  const remove = async (s: SnapshotSummary): Promise<void> => {
    try {
      await api.deleteSnapshot(s.id);
      await reload();
    } catch (e) {
      showError(e, 'Delete');
    }
  };

  const runDiff = async (): Promise<void> => {
    const l = parseDiffSide(left);
    const r = parseDiffSide(right);
    if (!l || !r) return;
    setBusy(true);
    try {
      setDiff(await api.diff(l, r, { ignoreVolatile }));
    } catch (e) {
      showError(e, 'Diff');
    } finally {
      setBusy(false);
    }
  };

  const sides = [
    ...snapshots.map((s) => ({ value: `s:${s.id}`, label: `Snapshot: ${s.name} (${s.agentId}, ${formatTime(s.createdAt)})` })),
    // "Agent now" reads the agent live; its cached values are a separate, labelled choice.
    ...agents.filter((a) => a.presence === 'online').map((a) => ({ value: `l:${a.agentId}`, label: `Agent now (live): ${a.agentId}` })),
    ...agents.map((a) => ({ value: `a:${a.agentId}`, label: `Cached values: ${a.agentId}` })),
  ];

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} data-testid="snapshots-view">
      {exporting && <ExportSnapshotModal snapshot={exporting} onClose={() => setExporting(null)} />}
      <Group gap="xs" align="flex-end">
        <Select label="Agent" aria-label="Agent to capture" data={agents.map((a) => a.agentId)} value={captureAgent} onChange={setCaptureAgent} searchable w={260} data-testid="snapshot-agent" comboboxProps={{ withinPortal: true }} />
        <TextInput label="Name" aria-label="Snapshot name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="optional" w={220} data-testid="snapshot-name" />
        <Button onClick={() => void capture()} loading={busy && progressId !== null} disabled={!captureAgent} data-testid="snapshot-capture">Capture</Button>
        <FileButton onChange={(f) => void importFile(f)} accept="application/json,.json">
          {(props) => <Button variant="default" {...props} data-testid="snapshot-import">Import…</Button>}
        </FileButton>
      </Group>
      {progress && (
        <div data-testid="snapshot-progress">
          <Text size="xs">{progress.label} {progress.total ? `${progress.done}/${progress.total}` : progress.done > 0 ? progress.done : ''}</Text>
          <Progress value={progress.total ? (progress.done / progress.total) * 100 : 100} animated={!progress.total} striped={!progress.total} />
        </div>
      )}
      <Paper withBorder style={{ maxHeight: 260, overflow: 'auto' }}>
        {snapshots.length === 0 && <Text p="sm" size="sm" c="dimmed">No snapshots yet.</Text>}
        {snapshots.map((s) => (
          <div key={s.id} className="list-row" data-testid={`snapshot-row-${s.id}`}>
            <Text size="sm" fw={500} w={220} truncate>{s.name}</Text>
            <Text size="sm" w={200} truncate>{s.agentId}</Text>
            <Text size="xs" c="dimmed" w={150}>{formatTime(s.createdAt)}</Text>
            <Badge size="xs" variant="light">{s.origin}</Badge>
            <Text size="xs" className="grow">{s.paramCount} parameters · {s.objectCount} objects</Text>
            <Button size="compact-xs" variant="light" onClick={() => setExporting(s)} data-testid="snapshot-export">Export…</Button>
            <ConfirmButton question="Delete?" onConfirm={() => void remove(s)} testId="snapshot-delete">Delete</ConfirmButton>
          </div>
        ))}
      </Paper>
      <Title order={5}>Compare</Title>
      <Group gap="xs" align="flex-end">
        <Select label="Left" aria-label="Left side" data={sides} value={left} onChange={setLeft} searchable w={360} data-testid="diff-left" comboboxProps={{ withinPortal: true }} />
        <Select label="Right" aria-label="Right side" data={sides} value={right} onChange={setRight} searchable w={360} data-testid="diff-right" comboboxProps={{ withinPortal: true }} />
        <Button onClick={() => void runDiff()} disabled={!left || !right} loading={busy && progressId === null} data-testid="diff-run">Diff</Button>
      </Group>
      <Switch
        label="Ignore values that change by themselves (uptime, clocks, statistics)"
        checked={ignoreVolatile}
        onChange={(e) => setIgnoreVolatile(e.currentTarget.checked)}
        data-testid="diff-ignore-volatile"
      />
      {diff && (
        <Stack gap={4} style={{ flex: 1, minHeight: 200 }} data-testid="diff-result">
          <Text size="sm">
            {diff.leftLabel} → {diff.rightLabel}: <Badge color="green" variant="light">{diff.counts.added} added</Badge>{' '}
            <Badge color="red" variant="light">{diff.counts.removed} removed</Badge>{' '}
            <Badge color="yellow" variant="light">{diff.counts.changed} changed</Badge>{' '}
            {diff.counts.unchanged} unchanged
            {diff.counts.ignored > 0 && <span data-testid="diff-ignored"> · {diff.counts.ignored} ignored (change by themselves)</span>}
            {diff.truncated ? ' (list truncated)' : ''}
          </Text>
          <Paper withBorder style={{ flex: 1, minHeight: 0 }}>
            <VirtualList
              items={diff.entries}
              rowHeight={26}
              label="Differences"
              getKey={(d) => d.path}
              renderRow={(d) => (
                <div className="list-row" data-testid="diff-entry" data-change={d.change}>
                  <Badge size="xs" color={CHANGE_COLOR[d.change]} variant="light" w={70}>{d.change}</Badge>
                  <span className="mono grow">{d.path}</span>
                  <span className="mono" style={{ color: 'var(--mantine-color-red-text)' }}>{shownValue(d.left, d.redacted)}</span>
                  <span>{d.change === 'changed' ? '→' : ''}</span>
                  <span className="mono" style={{ color: 'var(--mantine-color-green-text)' }}>{shownValue(d.right, d.redacted)}</span>
                </div>
              )}
            />
          </Paper>
        </Stack>
      )}
    </Stack>
  );
}
