import { useState, type JSX } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import type { ObjectChildren, ObjectEntry, SubscribableNotificationType } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { formatAge } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';
import { ConfirmButton } from '../../components/ConfirmButton';
import { AddInstanceModal } from './AddInstanceModal';
import { TableView } from './TableView';
import { Prop } from './Prop';

const SUB_TYPES: SubscribableNotificationType[] = ['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event'];

function defaultSubType(kind: ObjectEntry['kind'] | 'root'): SubscribableNotificationType {
  return kind === 'table' ? 'ObjectCreation' : 'ValueChange';
}

/** Details of an object, table or row: access, keys; Get, subscribe, Add and Delete. */
export function ObjectDetails({ agentId, path, entry, children, now, onReload, onReveal, loadChildren }: {
  agentId: string;
  path: string;
  entry: ObjectEntry | undefined;
  children: ObjectChildren | undefined;
  now: number;
  onReload: (path: string) => Promise<void>;
  onReveal: (path: string) => void;
  loadChildren: (path: string) => Promise<ObjectChildren>;
}): JSX.Element {
  const api = useApi();
  const kind = entry?.kind ?? 'root';
  const [subType, setSubType] = useState<SubscribableNotificationType>(defaultSubType(kind));
  const [addSchema, setAddSchema] = useState<ObjectChildren | null>(null);
  const [showTable, setShowTable] = useState(false);
  const canAdd = kind === 'table' && (entry?.access === 'addDelete' || entry?.access === 'addOnly');
  const canDelete = kind === 'instance' && (entry?.access === 'addDelete' || entry?.access === 'deleteOnly');
  const tablePath = kind === 'instance' ? path.replace(/[0-9]+\.$/, '') : path;

  const openAdd = async (): Promise<void> => {
    try {
      setAddSchema(children ?? await loadChildren(path));
    } catch (e) {
      showError(e, 'Add');
    }
  };

  const remove = async (): Promise<void> => {
    try {
      const r = await api.deleteInstances(agentId, [path]);
      if (r.failures.length > 0) {
        const f = r.failures[0]!;
        showError({ code: 'usp-error', message: f.errMsg, uspErrCode: f.errCode }, 'Delete');
      } else {
        showSuccess(`Deleted ${r.affectedPaths.join(', ') || path}`);
      }
      await onReload(tablePath);
    } catch (e) {
      showError(e, 'Delete');
    }
  };

  const refresh = async (): Promise<void> => {
    try {
      await api.refresh(agentId, path);
      await onReload(path);
    } catch (e) {
      showError(e, 'Get');
    }
  };

  const subscribe = async (): Promise<void> => {
    try {
      const target = subType === 'ObjectDeletion' && kind === 'table' ? `${path}*.` : path;
      const s = await api.subscribePath(agentId, subType, target);
      showSuccess(`Subscribed (${subType}) to ${target}, ID ${s.id}`);
    } catch (e) {
      showError(e, 'Subscribe');
    }
  };

  return (
    <Stack gap={6} data-testid="object-details">
      <Text fw={600} className="mono" style={{ wordBreak: 'break-all' }}>{path}</Text>
      <Prop label="Kind" value={kind === 'root' ? 'object' : kind} />
      {entry && <Prop label="Schema" value={entry.schemaPath} mono />}
      {entry && <Prop label="Access" value={entry.access} />}
      {entry?.uniqueKeys && Object.keys(entry.uniqueKeys).length > 0 && (
        <Prop label="Unique keys" value={Object.entries(entry.uniqueKeys).map(([k, v]) => `${k} = ${v}`).join('\n')} mono />
      )}
      {entry?.kind === 'table' && entry.instanceCount != null && <Prop label="Instances" value={String(entry.instanceCount)} />}
      {children && (
        <Prop
          label="Values"
          value={`${children.source === 'cache' ? 'from the cache' : 'live'}${children.oldestReadAt !== null ? `, oldest ${formatAge(now - children.oldestReadAt)} old` : ''}`}
          testId="object-source"
        />
      )}
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="light" onClick={() => void refresh()} data-testid="object-refresh">Get subtree</Button>
        {canAdd && <Button size="xs" onClick={() => void openAdd()} data-testid="object-add">Add instance…</Button>}
        {kind === 'table' && <Button size="xs" variant="light" onClick={() => setShowTable(true)} data-testid="object-table-open">Open as table</Button>}
        {canDelete && <ConfirmButton question={`Delete ${path}?`} onConfirm={() => void remove()} testId="object-delete">Delete</ConfirmButton>}
      </Group>
      <Group gap="xs" align="flex-end">
        <Select
          label="Subscribe to"
          aria-label="Notification type"
          data={SUB_TYPES}
          value={subType}
          onChange={(v) => v && setSubType(v as SubscribableNotificationType)}
          w={180}
          allowDeselect={false}
          data-testid="object-subscribe-type"
        />
        <Button size="xs" variant="light" onClick={() => void subscribe()} data-testid="object-subscribe">Subscribe</Button>
      </Group>
      {addSchema && (
        <AddInstanceModal
          agentId={agentId}
          tablePath={path}
          schema={addSchema.object}
          opened
          onClose={() => setAddSchema(null)}
          onAdded={(r) => {
            // The new row in the table, then the new instance revealed and selected (its table's count follows the tree event).
            void onReload(path).then(() => onReveal(r.instantiatedPath));
          }}
        />
      )}
      {showTable && <TableView agentId={agentId} tablePath={path} onClose={() => setShowTable(false)} />}
    </Stack>
  );
}
