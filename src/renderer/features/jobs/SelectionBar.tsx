import type { JSX } from 'react';
import { Button, Group, Text } from '@mantine/core';

/** Above the agent list: how many are selected, "select all N matching the filter", and the wizard. */
export function SelectionBar({ selected, matching, total, onSelectAll, onClear, onNewJob }: {
  selected: number;
  /** Agents the list's filter shows now. */
  matching: number;
  total: number;
  onSelectAll: () => void;
  onClear: () => void;
  onNewJob: () => void;
}): JSX.Element {
  return (
    <Group gap="xs" justify="space-between">
      <Text size="xs" c="dimmed" data-testid="agent-count">{matching} of {total} agents</Text>
      <Group gap="xs">
        <Text size="xs" data-testid="agent-selected-count">{selected} selected</Text>
        <Button size="compact-xs" variant="subtle" disabled={matching === 0} onClick={onSelectAll} data-testid="agent-select-all">
          Select all {matching} matching
        </Button>
        <Button size="compact-xs" variant="subtle" disabled={selected === 0} onClick={onClear} data-testid="agent-select-clear">Clear</Button>
        <Button size="compact-xs" onClick={onNewJob} data-testid="agent-new-job">New job{selected > 0 ? ` (${selected})` : ''}</Button>
      </Group>
    </Group>
  );
}
