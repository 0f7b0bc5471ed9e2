import type { JSX } from 'react';
import { Group, Text } from '@mantine/core';

/** One labelled property line of a details pane. */
export function Prop({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }): JSX.Element {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={90} style={{ flex: '0 0 90px' }}>{label}</Text>
      <Text size="sm" className={mono ? 'mono' : undefined} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}
