import { useSyncExternalStore, type JSX } from 'react';
import { Paper, Stack, Text } from '@mantine/core';
import { useApiContext } from '../../api/api-context';
import { formatTime } from '../../lib/format';

/** Notes shown at once; the rest stay in the store until newer ones push them out. */
const SHOWN = 5;

/** What the console did on its own about the agents the feed shows ("re-created 2 subscriptions after Boot!"). */
export function ConsoleNotes({ agentIds }: { agentIds: readonly string[] }): JSX.Element | null {
  const { notes: store } = useApiContext();
  const notes = useSyncExternalStore((cb) => store.subscribe(cb), () => store.notes());
  const shown = notes.filter((n) => agentIds.length === 0 || agentIds.includes(n.agentId)).slice(0, SHOWN);
  if (shown.length === 0) return null;
  return (
    <Paper withBorder p="xs" data-testid="feed-notes">
      <Stack gap={2}>
        {shown.map((n) => (
          <Text key={`${n.at}-${n.agentId}-${n.message}`} size="xs" c={n.level === 'error' ? 'red' : undefined} style={{ overflowWrap: 'anywhere' }} data-testid="feed-note">
            {formatTime(n.at)} · {n.agentId}: {n.message}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
