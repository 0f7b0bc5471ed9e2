import type { JSX } from 'react';
import { Button, Table, Text } from '@mantine/core';
import type { FailureGroup } from './job-progress';

/**
 * Failures by error code, model and software version, each with "retry these"; `outcomeOf`
 * names a code's outcome in words (firmware jobs: "download failed").
 */
export function FailureGroups({ groups, canRetry, onRetry, outcomeOf }: { groups: FailureGroup[]; canRetry: boolean; onRetry: (group: FailureGroup) => void; outcomeOf?: (errorCode: string) => string }): JSX.Element | null {
  if (groups.length === 0) return null;
  return (
    <Table withTableBorder striped data-testid="failure-groups" fz="xs">
      <Table.Thead>
        <Table.Tr>{outcomeOf && <Table.Th>Outcome</Table.Th>}<Table.Th>Error</Table.Th><Table.Th>Model</Table.Th><Table.Th>Software</Table.Th><Table.Th>Agents</Table.Th><Table.Th>Example</Table.Th><Table.Th /></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={`${g.errorCode}\n${g.model}\n${g.softwareVersion}`} data-testid={`failure-group-${g.errorCode}`}>
            {outcomeOf && <Table.Td data-testid="failure-outcome">{outcomeOf(g.errorCode)}</Table.Td>}
            <Table.Td className="mono">{g.errorCode}</Table.Td>
            <Table.Td>{g.model}</Table.Td>
            <Table.Td>{g.softwareVersion}</Table.Td>
            <Table.Td>{g.count}</Table.Td>
            <Table.Td><Text size="xs" truncate maw={380} title={g.message}>{g.message}</Text></Table.Td>
            <Table.Td>
              <Button size="compact-xs" variant="light" disabled={!canRetry} onClick={() => onRetry(g)} data-testid="retry-these">Retry these</Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
