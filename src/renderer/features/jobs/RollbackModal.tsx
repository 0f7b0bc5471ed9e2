import { useEffect, useState, type JSX } from 'react';
import { Alert, Button, Group, Loader, Modal, Table, Text } from '@mantine/core';
import type { RollbackPreview } from '../../../shared/console-api';
import type { JobSummary } from '../../../shared/jobs/job-model';
import { useApi } from '../../api/api-context';
import { explainError } from '../../lib/format';
import { showError } from '../../lib/notify';

const SHOWN = 200;

/** "Roll back the agents it changed": the rollback's own preview, then a new job. */
export function RollbackModal({ job, onClose, onStarted }: { job: JobSummary; onClose: () => void; onStarted: (job: JobSummary) => void }): JSX.Element {
  const api = useApi();
  const [plan, setPlan] = useState<RollbackPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.previewRollback(job.id).then(setPlan, (e: unknown) => setError(explainError(e).message));
  }, [api, job.id]);
  const start = async (): Promise<void> => {
    setBusy(true);
    try {
      onStarted(await api.rollbackJob(job.id));
    } catch (e) {
      showError(e, 'Rollback');
    } finally {
      setBusy(false);
    }
  };
  const rows = plan?.agents.flatMap((a) => Object.entries(a.values).map(([path, value]) => ({ endpointId: a.endpointId, path, current: a.current?.[path] ?? null, value }))) ?? [];
  return (
    <Modal opened onClose={onClose} title={`Roll back "${job.name}"`} size="xl" data-testid="rollback-modal">
      {error && <Alert color="red" data-testid="rollback-error">{error}</Alert>}
      {!plan && !error && <Loader size="sm" />}
      {plan && (
        <>
          <Text mb="xs" data-testid="rollback-summary">
            {plan.file.operation.kind === 'delete' ? 'Deletes the instances the job created' : 'Writes the old values back'} on {plan.agents.length} agent{plan.agents.length === 1 ? '' : 's'}.
          </Text>
          <Table fz="xs" striped withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>Agent</Table.Th><Table.Th>Path</Table.Th><Table.Th>Now → back to</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.slice(0, SHOWN).map((r) => (
                <Table.Tr key={`${r.endpointId}\n${r.path}`}>
                  <Table.Td className="mono">{r.endpointId}</Table.Td>
                  <Table.Td className="mono">{r.path}</Table.Td>
                  <Table.Td className="mono">{plan.file.operation.kind === 'delete' ? `delete ${r.value}` : `${r.current ?? '∅'} → ${r.value}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {rows.length > SHOWN && <Text size="xs" c="dimmed">…and {rows.length - SHOWN} more rows.</Text>}
        </>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Close</Button>
        <Button color="orange" disabled={!plan} loading={busy} onClick={() => void start()} data-testid="rollback-start">Start the rollback</Button>
      </Group>
    </Modal>
  );
}
