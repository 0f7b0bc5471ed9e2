import { useEffect, useMemo, useState, type JSX } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { ObjectSchemaInfo, ParamSchema } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { downloadText } from '../../lib/download';
import { showError } from '../../lib/notify';
import { AddInstanceModal } from './AddInstanceModal';
import { setParameter } from './set-parameter';
import { buildTableRows, filterTableRows, sortTableRows, tableToCsv, type TableRow, type TableSort } from './table-model';
import { normaliseValue, validateValue } from './value-validators';

const COLUMN_WIDTH = 170;
const INSTANCE_WIDTH = 64;

/**
 * A multi-instance object (Wi-Fi SSIDs, Hosts, DHCP leases) as a table: one row per instance,
 * one column per parameter; sortable, filterable, virtualized, writable cells editable in place
 * (double-click, Enter sets, Escape cancels), exportable to CSV.
 */
export function TableView({ agentId, tablePath, onClose }: { agentId: string; tablePath: string; onClose: () => void }): JSX.Element {
  const api = useApi();
  const [schema, setSchema] = useState<ObjectSchemaInfo | null>(null);
  const columns: ParamSchema[] = schema?.params ?? [];
  // Bumped after an Add: the rows are read again, with the new one.
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [rows, setRows] = useState<TableRow[] | null>(null);
  const [source, setSource] = useState<'live' | 'cache'>('cache');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<TableSort | null>(null);
  const [editing, setEditing] = useState<{ instance: number; column: string; text: string; error: string | null } | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getChildren(agentId, tablePath), api.refresh(agentId, tablePath)]).then(([children, read]) => {
      if (cancelled) return;
      setSchema(children.object);
      setRows(buildTableRows(tablePath, read.values));
      setSource(read.source);
    }, (e: unknown) => showError(e, `Reading ${tablePath}`));
    return () => {
      cancelled = true;
    };
  }, [api, agentId, tablePath, version]);

  const visible = useMemo(() => sortTableRows(filterTableRows(rows ?? [], filter), sort), [rows, filter, sort]);
  const names = columns.map((c) => c.name);
  const width = INSTANCE_WIDTH + names.length * COLUMN_WIDTH;
  const template = `${INSTANCE_WIDTH}px repeat(${names.length}, ${COLUMN_WIDTH}px)`;

  const sortBy = (column: string): void => setSort((s) => (s?.column === column ? (s.descending ? null : { column, descending: true }) : { column, descending: false }));

  const commit = async (row: TableRow, column: ParamSchema, text: string): Promise<void> => {
    const error = validateValue(text, column.type, column.constraints);
    if (error) {
      setEditing({ instance: row.instance, column: column.name, text, error });
      return;
    }
    const value = normaliseValue(text, column.type);
    // The same Set as the tree row and the details pane (set-parameter.ts).
    const outcome = await setParameter(api, agentId, row.path + column.name, value);
    if (!outcome.ok) {
      setEditing({ instance: row.instance, column: column.name, text, error: outcome.reason });
      return;
    }
    setRows((prev) => (prev ?? []).map((x) => (x.instance === row.instance ? { ...x, cells: { ...x.cells, [column.name]: value } } : x)));
    setEditing(null);
  };

  const renderRow = (row: TableRow): JSX.Element => (
    <div className="list-row table-grid" role="row" aria-selected={row.path === added} style={{ gridTemplateColumns: template, width }} data-testid={`table-row-${row.instance}`}>
      <span className="mono">{row.instance}</span>
      {columns.map((c) => {
        const isEditing = editing?.instance === row.instance && editing.column === c.name;
        const writable = c.access !== 'readOnly';
        return isEditing ? (
          <input
            key={c.name}
            className="mono inline-editor"
            aria-label={`Edit ${row.path}${c.name}`}
            aria-invalid={editing.error !== null}
            title={editing.error ?? 'Enter to set, Escape to cancel'}
            data-testid="table-cell-edit"
            autoFocus
            value={editing.text}
            onChange={(e) => setEditing({ ...editing, text: e.currentTarget.value, error: null })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(null);
              if (e.key === 'Enter') void commit(row, c, editing.text);
            }}
          />
        ) : (
          <span
            key={c.name}
            className={`mono table-cell${writable ? ' writable' : ''}`}
            title={`${row.cells[c.name] ?? ''}${writable ? ' (double-click to edit)' : ''}`}
            data-testid={`table-cell-${row.instance}-${c.name}`}
            onDoubleClick={() => writable && setEditing({ instance: row.instance, column: c.name, text: row.cells[c.name] ?? '', error: null })}
          >
            {row.cells[c.name] ?? ''}
          </span>
        );
      })}
    </div>
  );

  return (
    <Modal opened onClose={onClose} size="95%" title={`${tablePath} as a table`}>
      <Stack gap="xs" data-testid="table-view">
        <Group gap="xs">
          <TextInput placeholder="Filter rows" aria-label="Filter rows" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} data-testid="table-filter" style={{ flex: 1 }} />
          <Text size="xs" c="dimmed" data-testid="table-count">
            {rows === null ? 'Reading…' : `${visible.length} of ${rows.length} instances (${source === 'live' ? 'live' : 'from the cache'})`}
          </Text>
          {(schema?.access === 'addDelete' || schema?.access === 'addOnly') && (
            <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="table-add">Add instance…</Button>
          )}
          <Button size="xs" variant="default" disabled={!rows} data-testid="table-export-csv"
            onClick={() => downloadText(`${agentId}-${tablePath}csv`.replace(/[^A-Za-z0-9._-]+/g, '_'), 'text/csv', tableToCsv(names, visible))}>
            Export CSV
          </Button>
        </Group>
        {editing?.error && <Text size="xs" c="red" role="alert" data-testid="table-cell-error">{editing.column}: {editing.error}</Text>}
        <div style={{ overflowX: 'auto' }}>
          <div className="list-row table-grid table-header" role="row" style={{ gridTemplateColumns: template, width }}>
            {['#', ...names].map((n) => (
              <button key={n} type="button" className="table-sort" onClick={() => sortBy(n)} data-testid={`table-header-${n}`}
                aria-sort={sort?.column === n ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                {n}{sort?.column === n ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </button>
            ))}
          </div>
          <div style={{ height: '60vh', width }}>
            <VirtualList items={visible} rowHeight={28} role="grid" label={`${tablePath} rows`} getKey={(r) => r.instance} renderRow={renderRow} testId="table-rows"
              scrollToIndex={visible.findIndex((r) => r.path === added)} />
          </div>
        </div>
      </Stack>
      {adding && schema && (
        <AddInstanceModal
          agentId={agentId}
          tablePath={tablePath}
          schema={schema}
          opened
          onClose={() => setAdding(false)}
          onAdded={(r) => {
            setAdded(r.instantiatedPath);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Modal>
  );
}
