import type { JSX } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import type { ObjectChildren } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError, showSuccess } from '../../lib/notify';
import { CommandForm } from './CommandForm';
import { ObjectDetails } from './ObjectDetails';
import { ParamDetails } from './ParamDetails';
import { Prop } from './Prop';
import type { TreeRow } from './tree-model';

/** Right-hand pane: what the selected tree row is and what can be done with it. */
export function DetailsPane({ agentId, row, now, childrenOf, onReload, onReveal, loadChildren }: {
  agentId: string;
  row: TreeRow | null;
  now: number;
  childrenOf: (path: string) => ObjectChildren | undefined;
  onReload: (path: string) => Promise<void>;
  /** Expands the tree down to a path and selects it. */
  onReveal: (path: string) => void;
  loadChildren: (path: string) => Promise<ObjectChildren>;
}): JSX.Element {
  const api = useApi();
  if (!row) return <Text c="dimmed" size="sm">Select a node to see its details.</Text>;
  switch (row.kind) {
    case 'param':
      return <ParamDetails key={row.path} agentId={agentId} param={row.param!} now={now} />;
    case 'command':
      return <CommandForm key={row.path} agentId={agentId} path={row.path} command={row.command!} />;
    case 'event':
      return (
        <Stack gap={6} data-testid="event-details">
          <Text fw={600} className="mono">{row.path}</Text>
          <Prop label="Arguments" value={row.event!.args.map((a) => a.name).join('\n') || 'none'} mono />
          <Button
            size="xs"
            variant="light"
            data-testid="event-subscribe"
            onClick={() => {
              api.subscribePath(agentId, 'Event', row.path).then(
                (s) => showSuccess(`Subscribed to ${row.path} (ID ${s.id})`),
                (e: unknown) => showError(e, 'Subscribe'),
              );
            }}
          >
            Subscribe to this event
          </Button>
        </Stack>
      );
    case 'loading':
    case 'error':
      return <Text size="sm" c={row.kind === 'error' ? 'red' : 'dimmed'}>{row.name}</Text>;
    default:
      return (
        <ObjectDetails
          key={row.path}
          agentId={agentId}
          path={row.path}
          entry={row.object}
          children={childrenOf(row.path)}
          now={now}
          onReload={onReload}
          onReveal={onReveal}
          loadChildren={loadChildren}
        />
      );
  }
}
