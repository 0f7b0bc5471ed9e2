import { useState, type JSX } from 'react';
import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import type { SnapshotSummary } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { downloadText } from '../../lib/download';
import { showError, showSuccess } from '../../lib/notify';

/** Export as the CLI does: JSON or CSV, secrets withheld unless the user says otherwise. */
export function ExportSnapshotModal({ snapshot, onClose }: { snapshot: SnapshotSummary; onClose: () => void }): JSX.Element {
  const api = useApi();
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [unredacted, setUnredacted] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const file = await api.exportSnapshot(snapshot.id, { format, redactSecrets: !unredacted });
      downloadText(file.fileName, file.mimeType, file.content);
      showSuccess(`Exported ${file.fileName}`);
      onClose();
    } catch (e) {
      showError(e, 'Export');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Export ${snapshot.name}`} data-testid="snapshot-export-modal">
      <Stack gap="sm">
        <SegmentedControl
          aria-label="File format"
          data-testid="snapshot-export-format"
          value={format}
          onChange={(v) => setFormat(v === 'csv' ? 'csv' : 'json')}
          data={[{ value: 'json', label: 'JSON (can be imported)' }, { value: 'csv', label: 'CSV (one parameter per row)' }]}
        />
        <Checkbox
          label="Include secrets (passwords, keys): do not redact"
          checked={unredacted}
          onChange={(e) => setUnredacted(e.currentTarget.checked)}
          data-testid="snapshot-export-unredacted"
        />
        {unredacted ? (
          <Alert color="red" title="The file will contain secrets" data-testid="snapshot-export-warning">
            Passwords and keys are written in clear text. Keep the file private and delete it when done.
          </Alert>
        ) : (
          <Text size="xs" c="dimmed">Secured values and passwords are written as empty and marked redacted.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void run()} loading={busy} color={unredacted ? 'red' : undefined} data-testid="snapshot-export-go">Export</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
