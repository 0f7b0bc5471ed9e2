import { useEffect, useState, type JSX } from 'react';
import { Button, Modal, Stack, Table, Text } from '@mantine/core';
import type { SubscriptionInfo } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { formatTime } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';

/** NotifRetry in words: whether the agent retries until a NotifyResp, and for how long. */
function retryText(s: SubscriptionInfo): string {
  if (!s.notifRetry) return 'no retry';
  return s.notifExpiration > 0 ? `retried for ${s.notifExpiration} s` : 'retried until delivered';
}

/** The agent's subscriptions for this controller, in full (state, creation, who made it), with one-click unsubscribe. */
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
    <Modal opened onClose={onClose} title={`Subscriptions on ${agentId}`} size="min(1200px, 95vw)" data-testid="subscriptions-modal">
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
                <Table.Th>By</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subs.map((s) => (
                <Table.Tr key={s.id} data-testid={`subscription-${s.id}`}>
                  <Table.Td>
                    <Text size="sm" className="mono" style={{ overflowWrap: 'anywhere' }}>{s.id}</Text>
                    {s.instancePath && <Text size="xs" c="dimmed" className="mono">{s.instancePath}</Text>}
                  </Table.Td>
                  <Table.Td data-testid="subscription-type">{s.notifType}</Table.Td>
                  <Table.Td className="mono" data-testid="subscription-references">
                    {s.referenceList.map((r) => <Text key={r} size="xs" className="mono" style={{ overflowWrap: 'anywhere' }}>{r}</Text>)}
                  </Table.Td>
                  <Table.Td data-testid="subscription-state">
                    <Stack gap={0}>
                      <Text size="xs" fw={600} c={s.enabled ? 'green' : 'dimmed'}>{s.enabled ? 'enabled' : 'disabled'}</Text>
                      <Text size="xs">{s.persistent ? 'persistent (survives a reboot)' : 'not persistent'}</Text>
                      <Text size="xs">{retryText(s)}</Text>
                      <Text size="xs">{s.timeToLive > 0 ? `expires ${s.timeToLive} s after creation` : 'no expiry'}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td data-testid="subscription-created">{s.createdAt === null ? 'not dated by the agent' : formatTime(s.createdAt)}</Table.Td>
                  <Table.Td data-testid="subscription-owner">{s.ownedByConsole ? 'this console' : 'another controller or the agent'}</Table.Td>
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
