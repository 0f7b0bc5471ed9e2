import { useEffect, useState, type JSX } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import type { ProgressUpdate } from '../../shared/console-api';
import { useConsoleEvent } from '../api/api-context';

/** Progress bars for long work (GSDM, snapshots, imports), from 'progress' events. */
export function ProgressPanel(): JSX.Element | null {
  const [items, setItems] = useState<ReadonlyMap<string, ProgressUpdate>>(new Map());
  useConsoleEvent('progress', (batch) => {
    setItems((prev) => {
      const next = new Map(prev);
      for (const p of batch) next.set(p.progressId, p);
      return next;
    });
  });
  // Finished work disappears a few seconds after it ends.
  useEffect(() => {
    const finished = [...items.values()].filter((p) => p.state !== 'running');
    if (finished.length === 0) return;
    const timer = setTimeout(() => {
      setItems((prev) => {
        const next = new Map(prev);
        for (const p of finished) next.delete(p.progressId);
        return next;
      });
    }, 4000);
    return () => clearTimeout(timer);
  }, [items]);

  if (items.size === 0) return null;
  return (
    <Stack gap={6} mt="md" data-testid="progress-panel">
      {[...items.values()].map((p) => (
        <div key={p.progressId} data-testid={`progress-${p.kind}`}>
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{p.label}{p.state === 'failed' ? ` — failed: ${p.error ?? ''}` : ''}</Text>
          <Progress
            size="sm"
            color={p.state === 'failed' ? 'red' : p.state === 'done' ? 'green' : undefined}
            value={p.total ? Math.min(100, (p.done / p.total) * 100) : 100}
            animated={p.state === 'running' && !p.total}
            striped={p.state === 'running' && !p.total}
            aria-label={p.label}
          />
        </div>
      ))}
    </Stack>
  );
}
