import { useState, type JSX } from 'react';
import { ActionIcon, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import type { AddResult, ObjectSchemaInfo, ParamSchema } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError, showSuccess } from '../../lib/notify';
import { ValueInput } from './ValueInput';
import { normaliseValue, validateValue } from './value-validators';

interface Row {
  name: string;
  value: string;
}

/**
 * Add a row to a table: the unique keys first (the agent treats them as required and must
 * keep them unique), then any writable parameters the user picks.
 */
export function AddInstanceModal({ agentId, tablePath, schema, opened, onClose, onAdded }: {
  agentId: string;
  tablePath: string;
  schema: ObjectSchemaInfo;
  opened: boolean;
  onClose: () => void;
  onAdded: (r: AddResult) => void;
}): JSX.Element {
  const api = useApi();
  const byName = new Map(schema.params.map((p) => [p.name, p]));
  const keyNames = [...new Set(schema.uniqueKeySets.flat())].filter((k) => byName.get(k)?.access !== 'readOnly');
  const [rows, setRows] = useState<Row[]>(() => keyNames.map((name) => ({ name, value: '' })));
  const [busy, setBusy] = useState(false);
  const writable = schema.params.filter((p) => p.access !== 'readOnly' && !rows.some((r) => r.name === p.name));

  const typeOf = (name: string): ParamSchema => byName.get(name) ?? { name, type: 'string', access: 'readWrite', valueChange: 'unknown' };
  const invalid = rows.some((r) => r.value !== '' && validateValue(r.value, typeOf(r.name).type, typeOf(r.name).constraints) !== null);

  const add = async (): Promise<void> => {
    setBusy(true);
    try {
      const params = rows.filter((r) => r.value !== '').map((r) => ({ param: r.name, value: normaliseValue(r.value, typeOf(r.name).type) }));
      const result = await api.addInstance(agentId, tablePath, params);
      if (result.paramErrors.length > 0) {
        showError({ code: 'usp-error', message: 'Created, but some parameters were not set.', uspErrCode: result.paramErrors[0]!.errCode, paramErrors: result.paramErrors }, 'Add');
      } else {
        showSuccess(`Created ${result.instantiatedPath}`);
      }
      onAdded(result);
      onClose();
    } catch (e) {
      showError(e, 'Add');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Add to ${tablePath}`} size="lg" data-testid="add-instance-modal">
      <Stack gap="xs">
        <Text size="xs" c="dimmed" data-testid="add-unique-keys">
          {schema.uniqueKeySets.length > 0
            ? `Unique keys, as the agent's GetSupportedDM gives them: ${schema.uniqueKeySets.map((set) => set.join(' + ')).join(' | ')}. Left empty, the agent assigns them.`
            : "The agent's GetSupportedDM names no unique keys for this table."}
        </Text>
        {rows.map((r, i) => (
          <Group key={r.name} align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <ValueInput
                label={r.name}
                type={typeOf(r.name).type}
                constraints={typeOf(r.name).constraints}
                value={r.value}
                onChange={(v) => setRows((prev) => prev.map((x, j) => (j === i ? { ...x, value: v } : x)))}
                testId={`add-param-${r.name}`}
              />
            </div>
            {!keyNames.includes(r.name) && (
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${r.name}`} mb={4} onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>✕</ActionIcon>
            )}
          </Group>
        ))}
        <Select
          placeholder="Add a parameter…"
          aria-label="Add a parameter"
          data-testid="add-param-picker"
          data={writable.map((p) => p.name)}
          value={null}
          searchable
          onChange={(name) => name && setRows((prev) => [...prev, { name, value: '' }])}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void add()} loading={busy} disabled={invalid} data-testid="add-instance-submit">Add</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
