import { useEffect, useState, type JSX } from 'react';
import { Alert, Button, Code, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AgentGroupWithCount, TargetResolution } from '../../../shared/console-api';
import type { JobTargets } from '../../../shared/jobs/job-file';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { showError, showSuccess } from '../../lib/notify';

type Mode = 'agents' | 'filter' | 'group';

/**
 * Step 1: who. The agents picked in the list, a filter expression (its error points at the
 * position), or a saved group; the resolved count is shown before anything runs (issue 10).
 */
export function TargetsStep({ picked, targets, onChange, onResolved }: {
  /** Agents checked in the agent list. */
  picked: readonly string[];
  targets: JobTargets;
  onChange: (t: JobTargets) => void;
  onResolved: (agents: string[] | null) => void;
}): JSX.Element {
  const api = useApi();
  const mode: Mode = 'agents' in targets ? 'agents' : 'filter' in targets ? 'filter' : 'group';
  const [resolution, setResolution] = useState<TargetResolution | null>(null);
  const [groups, setGroups] = useState<AgentGroupWithCount[]>([]);
  const [groupName, setGroupName] = useState('');

  useEffect(() => {
    api.listGroups().then(setGroups, (e: unknown) => showError(e, 'Loading groups'));
  }, [api]);

  useEffect(() => {
    let stale = false;
    const empty = ('filter' in targets && targets.filter.trim() === '') || ('group' in targets && targets.group === '') || ('agents' in targets && targets.agents.length === 0);
    // A short pause so typing a filter does not resolve it at every keystroke.
    const timer = setTimeout(() => {
      if (empty) {
        setResolution(null);
        onResolved(null);
        return;
      }
      api.resolveTargets(targets).then((r) => {
        if (stale) return;
        setResolution(r);
        onResolved(r.ok ? r.agents : null);
      }, (e: unknown) => {
        if (stale) return;
        setResolution(null);
        onResolved(null);
        showError(e, 'Resolving the targets');
      });
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, targets, onResolved]);

  const setMode = (m: string): void => {
    if (m === 'agents') onChange({ agents: [...picked] });
    else if (m === 'filter') onChange({ filter: '' });
    else onChange({ group: groups[0]?.name ?? '' });
  };

  const saveGroup = async (): Promise<void> => {
    try {
      const input = 'filter' in targets ? { name: groupName.trim(), filter: targets.filter } : { name: groupName.trim(), agents: resolution?.ok ? resolution.agents : [] };
      const saved = await api.saveGroup(input);
      setGroups(await api.listGroups());
      showSuccess(`Group "${saved.name}" saved`);
      setGroupName('');
    } catch (e) {
      showError(e, 'Saving the group');
    }
  };

  const deleteGroup = async (name: string): Promise<void> => {
    try {
      await api.deleteGroup(name);
      const left = await api.listGroups();
      setGroups(left);
      onChange({ group: left[0]?.name ?? '' });
    } catch (e) {
      showError(e, 'Deleting the group');
    }
  };

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Targets"
        data-testid="targets-mode"
        value={mode}
        onChange={setMode}
        data={[
          { value: 'agents', label: `Selected agents (${picked.length})` },
          { value: 'filter', label: 'Filter expression' },
          { value: 'group', label: 'Saved group' },
        ]}
      />
      {'filter' in targets && (
        <TextInput
          label="Filter expression"
          description='Agent fields (endpointId, status, manufacturer, model, productClass, serial, softwareVersion, mtp, tag) and cached parameters, e.g. model=="HGW-5400AX" && Device.WiFi.Radio.1.Channel==6'
          classNames={{ input: 'mono' }}
          data-testid="targets-filter"
          value={targets.filter}
          onChange={(e) => onChange({ filter: e.currentTarget.value })}
        />
      )}
      {'group' in targets && (
        <Group align="end" gap="xs">
          <Select
            label="Group"
            data-testid="targets-group"
            data={groups.map((g) => ({ value: g.name, label: `${g.name} (${'filter' in g ? `filter, now ${g.count}` : `${g.count} agents`})` }))}
            value={targets.group || null}
            onChange={(v) => onChange({ group: v ?? '' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            style={{ flex: 1 }}
          />
          {targets.group !== '' && (
            <ConfirmButton question={`Delete group "${targets.group}"?`} onConfirm={() => void deleteGroup(targets.group)} testId="group-delete">Delete group</ConfirmButton>
          )}
        </Group>
      )}
      {resolution && !resolution.ok && (
        <Alert color="red" title="The filter expression is not valid" data-testid="targets-error">
          <Code block>{`${resolution.error.text}\n${' '.repeat(resolution.error.position)}^`}</Code>
          <Text size="sm" mt={4}>{resolution.error.reason} at position {resolution.error.position}; expected {resolution.error.expected}.</Text>
        </Alert>
      )}
      {resolution?.ok && (
        <Text data-testid="targets-count" fw={500}>
          {resolution.agents.length} agent{resolution.agents.length === 1 ? '' : 's'} selected
          {resolution.agents.length > 0 && <Text span c="dimmed" size="sm"> — {resolution.agents.slice(0, 5).join(', ')}{resolution.agents.length > 5 ? ', …' : ''}</Text>}
        </Text>
      )}
      {mode !== 'group' && resolution?.ok && resolution.agents.length > 0 && (
        <Group gap="xs" align="end">
          <TextInput label="Save this selection as a group" placeholder="Group name" value={groupName} onChange={(e) => setGroupName(e.currentTarget.value)} data-testid="group-name" />
          <Button variant="light" disabled={groupName.trim() === ''} onClick={() => void saveGroup()} data-testid="group-save">
            Save group
          </Button>
          {mode === 'filter' && <Text size="xs" c="dimmed">A filter group is re-evaluated each time a job starts.</Text>}
        </Group>
      )}
    </Stack>
  );
}
