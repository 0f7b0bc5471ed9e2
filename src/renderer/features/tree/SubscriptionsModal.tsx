import { useEffect, useState, type JSX } from 'react';
import { Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import type { SubscriptionInfo } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { formatTime } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';

/** The agent's subscriptions for this controller, with one-click unsubscribe. */
export function SubscriptionsModal({ agentId, onClose }: { agentId: string; onClose: () => void }): JSX.Element {
  const api = useApi();
  const [subs, setSubs] = useState<SubscriptionInfo[] | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.listSubscriptions(agentId).then((list) => {
      if (!cancelled) setSubs(list);
    }, (e: unknown) => showError(e, 'Loading subscriptions'));
    return () => {
      cancelled = true;
    };
  }, [api, agentId, version]);

  const remove = (s: SubscriptionInfo): void => {
    api.unsubscribe(agentId, s.id).then(() => {
      showSuccess(`Unsubscribed ${s.id}`);
      setVersion((v) => v + 1);
    }, (e: unknown) => showError(e, 'Unsubscribe'));
  };

  return (
    <Modal opened onClose={onClose} title={`Subscriptions on ${agentId}`} size="xl" data-testid="subscriptions-modal">
      <Stack gap="xs">
        {subs === null && <Text size="sm" c="dimmed">Loading…</Text>}
        {subs?.length === 0 && <Text size="sm" c="dimmed">No subscriptions for this controller.</Text>}
        {subs && subs.length > 0 && (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>ID</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>References</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subs.map((s) => (
                <Table.Tr key={s.id} data-testid={`subscription-${s.id}`}>
                  <Table.Td className="mono">{s.id}</Table.Td>
                  <Table.Td>{s.notifType}</Table.Td>
                  <Table.Td className="mono" style={{ wordBreak: 'break-all' }}>{s.referenceList.join(', ')}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" color={s.enabled ? 'green' : 'gray'} variant="light">{s.enabled ? 'enabled' : 'disabled'}</Badge>
                    {s.persistent && <Badge size="xs" variant="outline" ml={4}>persistent</Badge>}
                  </Table.Td>
                  <Table.Td>{formatTime(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" color="red" variant="light" onClick={() => remove(s)} data-testid="subscription-delete">Unsubscribe</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
