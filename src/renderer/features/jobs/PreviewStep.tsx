import { useMemo, type JSX } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { JobOperationKind } from '../../../shared/jobs/job-file';
import { BLOCKING_FLAGS, PREVIEW_FLAGS, type JobPreview, type PreviewFlag } from '../../../shared/jobs/preview';
import { VirtualList } from '../../components/VirtualList';

interface PreviewRow {
  key: string;
  endpointId: string;
  path: string;
  current: string | null;
  next: string | null;
  flags: PreviewFlag[];
  message: string;
}

const FLAG_LABELS: Record<PreviewFlag, string> = {
  'not-found': 'path not found',
  'read-only': 'read-only',
  'bad-value': 'value does not fit',
  'key-collision': 'unique key collides',
  'command-unsupported': 'command not supported',
  unchanged: 'already the new value (skipped)',
  offline: 'offline (will be queued)',
  'no-rollback': 'no rollback',
  placeholder: 'placeholder unknown',
  'no-schema': 'no cached schema',
};

function flagColor(f: PreviewFlag): string {
  return BLOCKING_FLAGS.has(f) ? 'red' : f === 'offline' || f === 'no-rollback' || f === 'no-schema' ? 'orange' : 'gray';
}

/** A row's flag in words; a firmware agent already on the version says which. */
function rowFlagLabel(f: PreviewFlag, r: PreviewRow, kind: JobOperationKind): string {
  return kind === 'firmware' && f === 'unchanged' ? `already on ${r.next ?? ''} (skipped)` : FLAG_LABELS[f];
}

/** The firmware image a step would write: a FirmwareImage row, or why none is named yet. */
function firmwareImage(r: PreviewRow): string {
  if (r.flags.includes('unchanged')) return '—';
  if (r.flags.includes('not-found')) return 'no inactive image';
  return /\.\d+\.$/.test(r.path) ? r.path : 'chosen when the step runs';
}

/** One row per agent and resolved path, so 10,000 agents × paths scroll without rendering all. */
function rowsOf(preview: JobPreview): PreviewRow[] {
  return preview.agents.flatMap((a) => {
    const agentFlags = a.flags.filter((f) => !a.items.some((i) => i.flags.includes(f)));
    if (a.items.length === 0) return [{ key: a.endpointId, endpointId: a.endpointId, path: '', current: null, next: null, flags: agentFlags, message: '' }];
    return a.items.map((i, n) => ({
      key: `${a.endpointId}\n${n}`,
      endpointId: a.endpointId,
      path: i.path,
      current: i.current,
      next: i.next,
      flags: n === 0 ? [...new Set([...i.flags, ...agentFlags])] : i.flags,
      message: i.message ?? '',
    }));
  });
}

/** Step 3: what would happen, per agent, from the cache: current → new and a flag per problem. */
export function PreviewStep({ preview, kind, loading, onRefresh }: { preview: JobPreview | null; kind: JobOperationKind; loading: boolean; onRefresh: () => void }): JSX.Element {
  const firmware = kind === 'firmware';
  const rows = useMemo(() => (preview ? rowsOf(preview) : []), [preview]);
  if (!preview) return <Group gap="xs"><Loader size="sm" /><Text>Computing the preview…</Text></Group>;
  const blocked = preview.agents.filter((a) => a.flags.some((f) => BLOCKING_FLAGS.has(f))).length;
  return (
    <Stack gap="xs" h={440}>
      <Group justify="space-between">
        <Group gap={6} data-testid="preview-counts">
          <Badge variant="light" data-testid="preview-total">{preview.total} agents</Badge>
          {PREVIEW_FLAGS.filter((f) => preview.counts[f] > 0).map((f) => (
            <Badge key={f} color={flagColor(f)} variant="light" data-testid={`preview-count-${f}`}>{FLAG_LABELS[f]}: {preview.counts[f]}</Badge>
          ))}
        </Group>
        <Tooltip label="Read the paths from the online agents first, then preview again">
          <Button size="compact-sm" variant="light" loading={loading} onClick={onRefresh} data-testid="preview-refresh">Refresh from agents</Button>
        </Tooltip>
      </Group>
      {blocked > 0 && <Alert color="red" p="xs">{blocked} agent{blocked === 1 ? '' : 's'} will fail as things stand (red flags).</Alert>}
      <div className="list-row" style={{ fontWeight: 600, fontSize: 12 }} aria-hidden>
        <Text size="xs" fw={600} w={220}>Agent</Text>
        <Text size="xs" fw={600} w={300}>{firmware ? 'Image to write' : 'Path'}</Text>
        <Text size="xs" fw={600} w={260}>{firmware ? 'SoftwareVersion → expected' : 'Current → new'}</Text>
        <Text size="xs" fw={600} className="grow">Flags</Text>
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>
        <VirtualList
          items={rows}
          rowHeight={30}
          getKey={(r) => r.key}
          label="Preview"
          role="grid"
          testId="preview-table"
          renderRow={(r) => (
            <div className="list-row" role="row" data-testid={`preview-row-${r.endpointId}`} title={r.message}>
              <Text size="xs" w={220} truncate className="mono">{r.endpointId}</Text>
              <Text size="xs" w={300} truncate className="mono" data-testid="preview-path">{firmware ? firmwareImage(r) : r.path}</Text>
              <Text size="xs" w={260} truncate className="mono" data-testid="preview-change">{r.current ?? '∅'} → {r.next ?? '—'}</Text>
              <Group gap={4} className="grow" wrap="nowrap">
                {r.flags.map((f) => <Badge key={f} size="xs" color={flagColor(f)} variant="light">{rowFlagLabel(f, r, kind)}</Badge>)}
              </Group>
            </div>
          )}
        />
      </div>
    </Stack>
  );
}
