import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AgentSummary, SupportedDMInfo } from '../../../shared/console-api';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { formatAge, formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { useNow } from '../../lib/use-now';
import { DetailsPane } from './DetailsPane';
import { navigate, type NavKey, type TreeRow } from './tree-model';
import { TreeRowView } from './TreeRowView';
import { SubscriptionsModal } from './SubscriptionsModal';
import { setParameter } from './set-parameter';
import { TreeSearch } from './TreeSearch';
import { useTree } from './use-tree';
import { describeRefresh } from './tree-refresh';

const NAV_KEYS: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** The agent's data model: supported schema merged with instances and cached values. */
export function TreeView({ agentId, revealPath }: { agentId: string; revealPath: string | null }): JSX.Element {
  const api = useApi();
  const [agent, setAgent] = useState<AgentSummary | null>(null);
  const [dm, setDm] = useState<SupportedDMInfo | null>(null);
  const [schemaReady, setSchemaReady] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [showSubs, setShowSubs] = useState(false);
  const now = useNow(1000);
  const tree = useTree(agentId, schemaReady);

  const loadSchema = useCallback((refresh: boolean): Promise<void> => api.getSupportedDM(agentId, refresh ? { refresh: true } : undefined)
    .then(setDm, (e: unknown) => showError(e, 'Reading the supported data model'))
    .finally(() => setSchemaReady(true)), [api, agentId]);

  useEffect(() => {
    api.getAgent(agentId).then(setAgent, (e: unknown) => showError(e, 'Loading agent'));
    void loadSchema(false);
  }, [api, agentId, loadSchema]);

  useConsoleEvent('agents', (changes) => {
    for (const c of changes) {
      if (c.kind === 'upsert' && c.agent.agentId === agentId) setAgent(c.agent);
    }
  });

  const { rows, toggle, reveal } = tree;
  const selectedIndex = selected === null ? -1 : rows.findIndex((r) => r.key === selected);
  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex]! : null;

  const onSelect = useCallback((row: TreeRow) => setSelected(row.key), []);
  const onToggle = useCallback((row: TreeRow) => toggle(row.path, !row.expanded), [toggle]);
  const onEdit = useCallback((row: TreeRow | null) => setEditing(row ? row.key : null), []);
  // The same Set as the details pane and the table (set-parameter.ts); a refusal stays next to the field.
  const onCommit = useCallback(async (row: TreeRow, value: string): Promise<string | null> => {
    const outcome = await setParameter(api, agentId, row.path, value);
    if (!outcome.ok) return outcome.reason;
    setEditing(null);
    return null;
  }, [api, agentId]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    // Enter or F2 edits the selected writable parameter in its row.
    if ((e.key === 'Enter' || e.key === 'F2') && selectedRow?.param && selectedRow.param.schema.access !== 'readOnly') {
      e.preventDefault();
      setEditing(selectedRow.key);
      return;
    }
    if (!NAV_KEYS.has(e.key)) return;
    e.preventDefault();
    const r = navigate(rows, selected, e.key as NavKey);
    if (r.toggle) toggle(r.toggle.path, r.toggle.expanded);
    setSelected(r.select);
  };

  const subsButton = useRef<HTMLButtonElement>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshText, setRefreshText] = useState<string | null>(null);
  const refreshAll = async (): Promise<void> => {
    setRefreshing(true);
    setRefreshText('Refreshing…');
    const r = await tree.refreshExpanded((done, total) => setRefreshText(`Refreshing ${done}/${total} objects…`));
    setRefreshing(false);
    setRefreshText(describeRefresh(r));
  };

  const onReveal = useCallback((path: string): void => {
    reveal(path);
    setSelected(path);
  }, [reveal]);

  // A path from the address (e.g. a notification's double-click) is revealed once each time
  // the address names it (following the same link again reveals it again).
  const [revealed, setRevealed] = useState<string | null>(null);
  if (revealPath !== revealed) {
    setRevealed(revealPath);
    if (revealPath !== null) onReveal(revealPath);
  }

  const offline = agent !== null && agent.presence !== 'online';
  const root = tree.childrenOf('Device.');

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }} data-testid="tree-view">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          {agent && (
            <Badge color={agent.presence === 'online' ? 'green' : 'red'} variant="light" data-testid="tree-agent-presence" title={agent.presenceReason}>
              {agent.presence}
            </Badge>
          )}
          <Text size="sm" fw={500}>{agentId}</Text>
          {dm && (
            <Text size="xs" c="dimmed" data-testid="tree-schema-info">
              {dm.objectCount} objects · {dm.paramCount} parameters · {dm.commandCount} commands · schema {dm.fetchedAt ? `${formatAge(now - dm.fetchedAt)} old` : 'not read'}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button ref={subsButton} size="xs" variant="default" onClick={() => setShowSubs(true)} data-testid="tree-subscriptions">Subscriptions</Button>
          <Button size="xs" variant="default" onClick={() => void loadSchema(true)} disabled={offline} data-testid="tree-reload-schema">Re-read schema</Button>
          {refreshText && <Text size="xs" c="dimmed" data-testid="tree-refresh-result">{refreshText}</Text>}
          <Button size="xs" variant="default" onClick={() => void refreshAll()} loading={refreshing} data-testid="tree-refresh">Refresh</Button>
        </Group>
      </Group>
      {offline && (
        <Alert color="orange" py={6} data-testid="tree-offline-banner" title="Agent offline">
          {agent.presenceReason}. Showing the cached data model
          {root?.oldestReadAt != null ? `; oldest value read ${formatTime(root.oldestReadAt)} (${formatAge(now - root.oldestReadAt)} ago)` : ''}.
        </Alert>
      )}
      {showSubs && (
        <SubscriptionsModal
          agentId={agentId}
          onClose={() => {
            setShowSubs(false);
            // The modal unmounts at once, so focus goes back to the button that opened it here.
            subsButton.current?.focus();
          }}
        />
      )}
      <TreeSearch agentId={agentId} onReveal={onReveal} />
      <Group align="stretch" wrap="nowrap" gap="sm" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder style={{ flex: 1, minWidth: 0 }}>
          <VirtualList
            items={rows}
            rowHeight={26}
            role="tree"
            label={`Data model of ${agentId}`}
            testId="tree"
            getKey={(r) => r.key}
            scrollToIndex={selectedIndex}
            onKeyDown={onKeyDown}
            renderRow={(row) => (
              <TreeRowView
                agentId={agentId}
                row={row}
                selected={row.key === selected}
                editing={row.key === editing}
                now={now}
                onSelect={onSelect}
                onToggle={onToggle}
                onEdit={onEdit}
                onCommit={onCommit}
              />
            )}
          />
        </Paper>
        <Paper withBorder p="sm" w={420} style={{ overflow: 'auto' }} data-testid="details-pane">
          <DetailsPane
            agentId={agentId}
            row={selectedRow}
            now={now}
            childrenOf={tree.childrenOf}
            onReload={tree.reload}
            onReveal={onReveal}
            loadChildren={(path) => api.getChildren(agentId, path)}
          />
        </Paper>
      </Group>
    </Stack>
  );
}
