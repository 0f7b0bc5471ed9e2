import type { JSX } from 'react';
import { ActionIcon, Alert, Button, Group, List, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { ValueInput } from '../tree/ValueInput';
import type { DraftKind, DraftRow, JobDraft } from './job-draft';
import { FIRMWARE_FIELD_ISSUES, FirmwareFields } from './FirmwareFields';
import { PathField } from './PathField';
import { useMemberSchema } from './use-schema';

const KINDS: { value: DraftKind; label: string }[] = [
  { value: 'set', label: 'Set parameters' },
  { value: 'add', label: 'Add an instance' },
  { value: 'delete', label: 'Delete instances' },
  { value: 'operate', label: 'Operate a command' },
  { value: 'get', label: 'Get (fleet report)' },
  { value: 'subscribe', label: 'Subscribe' },
  { value: 'unsubscribe', label: 'Unsubscribe' },
  { value: 'firmware', label: 'Firmware update' },
];

/** One Set row: the path (autocompleted) and a value field typed from the cached schema. */
function SetRow({ agentId, row, index, onChange, onRemove }: { agentId: string | null; row: DraftRow; index: number; onChange: (r: DraftRow) => void; onRemove: () => void }): JSX.Element {
  const { param } = useMemberSchema(agentId, row.key);
  return (
    <Group align="end" gap="xs" wrap="nowrap">
      <PathField agentId={agentId} label="Parameter" value={row.key} onChange={(key) => onChange({ ...row, key })} testId={`op-param-path-${index}`} placeholder="Device.WiFi.SSID.1.SSID" />
      <div style={{ width: 280 }}>
        {param ? (
          <ValueInput label={`Value (${param.access === 'readOnly' ? 'read-only!' : param.type})`} type={param.type} constraints={param.constraints} value={row.value} onChange={(value) => onChange({ ...row, value })} testId={`op-param-value-${index}`} />
        ) : (
          <TextInput label="Value" description="{serial}, {endpointId}… per agent" value={row.value} onChange={(e) => onChange({ ...row, value: e.currentTarget.value })} data-testid={`op-param-value-${index}`} classNames={{ input: 'mono' }} />
        )}
      </div>
      <ActionIcon variant="subtle" aria-label="Remove this row" onClick={onRemove} mb={6}>✕</ActionIcon>
    </Group>
  );
}

/** Name → value rows (Add parameters, command arguments). */
function KeyValueRows({ rows, onChange, what, testId }: { rows: DraftRow[]; onChange: (r: DraftRow[]) => void; what: string; testId: string }): JSX.Element {
  return (
    <Stack gap={4}>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput placeholder={what} aria-label={`${what} ${i + 1}`} value={r.key} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, key: e.currentTarget.value } : x)))} classNames={{ input: 'mono' }} data-testid={`${testId}-key-${i}`} />
          <TextInput placeholder="value" aria-label={`Value ${i + 1}`} value={r.value} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))} style={{ flex: 1 }} data-testid={`${testId}-value-${i}`} />
          <ActionIcon variant="subtle" aria-label="Remove this row" onClick={() => onChange(rows.filter((_, j) => j !== i))}>✕</ActionIcon>
        </Group>
      ))}
      <Button size="compact-sm" variant="subtle" onClick={() => onChange([...rows, { key: '', value: '' }])} w="fit-content">+ {what}</Button>
    </Stack>
  );
}

/** Command arguments typed from the command's cached input arguments when known. */
function OperateFields({ agentId, draft, onChange }: { agentId: string | null; draft: JobDraft; onChange: (d: JobDraft) => void }): JSX.Element {
  const { command } = useMemberSchema(agentId, draft.command);
  return (
    <Stack gap="xs">
      <PathField agentId={agentId} label="Command" value={draft.command} onChange={(c) => onChange({ ...draft, command: c })} testId="op-command" placeholder="Device.Reboot()" />
      {command && <Text size="xs" c="dimmed">{command.kind} command · inputs: {command.inputArgs.map((a) => a.name).join(', ') || 'none'}</Text>}
      <KeyValueRows rows={draft.args} onChange={(args) => onChange({ ...draft, args })} what="argument" testId="op-arg" />
      <Switch label="Asynchronous (wait for OperationComplete)" checked={draft.async} onChange={(e) => onChange({ ...draft, async: e.currentTarget.checked })} />
    </Stack>
  );
}

/**
 * Step 2: what. Forms per operation kind, paths autocompleted from the first target's cache;
 * `issues` (the shared schema's, by path) are shown next to their field, or listed below.
 */
export function OperationStep({ draft, agentId, issues, onChange }: { draft: JobDraft; agentId: string | null; issues: Record<string, string>; onChange: (d: JobDraft) => void }): JSX.Element {
  const listed = Object.entries(issues).filter(([path]) => draft.kind !== 'firmware' || !FIRMWARE_FIELD_ISSUES.has(path));
  const paths = (label: string) => (
    <Textarea label={label} description="One path per line" autosize minRows={3} classNames={{ input: 'mono' }} value={draft.paths} onChange={(e) => onChange({ ...draft, paths: e.currentTarget.value })} data-testid="op-paths" />
  );
  return (
    <Stack gap="sm">
      <Group grow>
        <TextInput label="Job name" placeholder="(generated from the operation)" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })} data-testid="job-name" />
        <Select label="Operation" data={KINDS} value={draft.kind} onChange={(v) => v && onChange({ ...draft, kind: v as DraftKind })} allowDeselect={false} data-testid="op-kind" comboboxProps={{ withinPortal: true }} />
      </Group>
      {draft.kind === 'set' && (
        <Stack gap={4}>
          {draft.params.map((r, i) => (
            <SetRow key={i} agentId={agentId} row={r} index={i} onChange={(row) => onChange({ ...draft, params: draft.params.map((x, j) => (j === i ? row : x)) })} onRemove={() => onChange({ ...draft, params: draft.params.filter((_, j) => j !== i) })} />
          ))}
          <Button size="compact-sm" variant="subtle" w="fit-content" onClick={() => onChange({ ...draft, params: [...draft.params, { key: '', value: '' }] })}>+ parameter</Button>
        </Stack>
      )}
      {draft.kind === 'add' && (
        <>
          <PathField agentId={agentId} label="Table" value={draft.object} onChange={(object) => onChange({ ...draft, object })} testId="op-object" placeholder="Device.LocalAgent.Subscription." />
          <KeyValueRows rows={draft.params} onChange={(params) => onChange({ ...draft, params })} what="parameter" testId="op-add-param" />
        </>
      )}
      {draft.kind === 'delete' && paths('Objects to delete (cannot be rolled back)')}
      {draft.kind === 'get' && paths('Paths to read from every agent')}
      {draft.kind === 'operate' && <OperateFields agentId={agentId} draft={draft} onChange={onChange} />}
      {(draft.kind === 'subscribe' || draft.kind === 'unsubscribe') && (
        <TextInput label="Subscription ID" value={draft.subscriptionId} onChange={(e) => onChange({ ...draft, subscriptionId: e.currentTarget.value })} data-testid="op-subscription-id" />
      )}
      {draft.kind === 'subscribe' && (
        <>
          <Select label="Notification type" data={['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event']} value={draft.notifType} onChange={(v) => v && onChange({ ...draft, notifType: v as JobDraft['notifType'] })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          {paths('Reference list')}
        </>
      )}
      {draft.kind === 'firmware' && <FirmwareFields value={draft.firmware} issues={issues} onChange={(firmware) => onChange({ ...draft, firmware })} />}
      {listed.length > 0 && (
        <Alert color="red" p="xs" title="Fix these before the preview" data-testid="op-issues">
          <List size="sm">
            {listed.map(([path, message]) => <List.Item key={path}><span className="mono">{path}</span>: {message}</List.Item>)}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
