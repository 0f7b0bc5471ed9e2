import { useEffect, useRef, useState, type JSX } from 'react';
import { Autocomplete, Badge, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import type { SearchKind, SearchQuery, SearchResult } from '../../../shared/console-api';
import { isValidPath } from '../../../shared/paths';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { showError } from '../../lib/notify';

/**
 * Search by path (wildcards and search expressions such as Device.WiFi.SSID.[Enable==true].SSID),
 * by value or by name; path autocomplete from the cached schema and instances.
 */
export function TreeSearch({ agentId, onReveal }: { agentId: string; onReveal: (path: string) => void }): JSX.Element {
  const api = useApi();
  const [kind, setKind] = useState<SearchKind>('path');
  const [text, setText] = useState('');
  const [completions, setCompletions] = useState<string[]>([]);
  const [result, setResult] = useState<SearchResult | null>(null);
  // The query behind the result (re-run when a live result may be out of date) and why it was re-run.
  const [query, setQuery] = useState<SearchQuery | null>(null);
  const [refreshedAfter, setRefreshedAfter] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What the console is doing for the search right now ('search' progress of this tree's searches).
  const [progress, setProgress] = useState<string | null>(null);
  const searches = useRef(0);
  const [progressPrefix] = useState(() => `tree-search-${Math.random().toString(36).slice(2)}-`);
  // The suggestion list closes on Enter (a search starts) so it never covers the results.
  const [open, setOpen] = useState(false);

  const completing = kind === 'path' && text !== '' && !/[[*]/.test(text);
  useEffect(() => {
    if (!completing) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.completePath(agentId, text, 20).then((c) => {
        if (!cancelled) setCompletions(c);
      }, () => setCompletions([]));
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, agentId, completing, text]);

  const pathError = kind === 'path' && text !== '' && !text.endsWith('.') && !isValidPath(text) && !isValidPath(`${text}.`)
    ? 'Not a valid USP path'
    : null;

  const run = async (q: Omit<SearchQuery, 'progressId'>, after: string | null): Promise<void> => {
    setBusy(true);
    setProgress(after ? `Refreshing the results after ${after}…` : 'Searching…');
    try {
      setResult(await api.searchTree(agentId, { ...q, progressId: `${progressPrefix}${++searches.current}` }));
      setQuery(q);
      setRefreshedAfter(after);
    } catch (e) {
      showError(e, 'Search');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const search = async (): Promise<void> => {
    if (text.trim() === '') {
      setResult(null);
      return;
    }
    await run({ kind, text: text.trim(), limit: 1000 }, null);
  };

  useConsoleEvent('progress', (batch) => {
    const mine = batch.filter((p) => p.progressId.startsWith(progressPrefix) && p.state === 'running').pop();
    if (mine && busy) setProgress(`${mine.label}…`);
  });
  // Results read live are read again after an edit of this agent (a Set, an Add, a Delete), which may change them.
  const refreshLive = (what: string): void => {
    if (result?.source === 'live' && query && !busy) void run(query, what);
  };
  useConsoleEvent('values', (batch) => {
    if (batch.some((v) => v.agentId === agentId && v.source === 'set')) refreshLive('an edit');
  });
  useConsoleEvent('tree', (batch) => {
    if (batch.some((t) => t.agentId === agentId && t.reason !== 'schema')) refreshLive('an edit');
  });

  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          aria-label="Search by"
          data-testid="tree-search-kind"
          value={kind}
          onChange={(v) => setKind(v as SearchKind)}
          data={[{ value: 'path', label: 'Path' }, { value: 'value', label: 'Value' }, { value: 'name', label: 'Name' }]}
        />
        <Autocomplete
          style={{ flex: 1 }}
          size="xs"
          aria-label="Search the tree"
          placeholder={kind === 'path' ? 'Device.WiFi.SSID.*.SSID or Device.IP.Interface.[Status=="Up"].' : kind === 'value' ? 'text in values' : 'text in names'}
          data-testid="tree-search"
          classNames={{ input: 'mono' }}
          value={text}
          data={completing ? completions : []}
          onChange={(v) => {
            setText(v);
            setOpen(true);
          }}
          dropdownOpened={open && completing && completions.length > 0}
          onDropdownOpen={() => setOpen(true)}
          onDropdownClose={() => setOpen(false)}
          // Picking a suggestion reveals and selects that node in the tree.
          onOptionSubmit={(v) => {
            setText(v);
            setOpen(false);
            onReveal(v);
          }}
          error={pathError}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setOpen(false);
              void search();
            }
          }}
          comboboxProps={{ withinPortal: true }}
        />
        <Button size="xs" onClick={() => void search()} loading={busy} data-testid="tree-search-go">Search</Button>
        {result && <Button size="xs" variant="subtle" onClick={() => setResult(null)} data-testid="tree-search-clear">Clear</Button>}
      </Group>
      {busy && progress && (
        <Group gap={6} data-testid="tree-search-progress">
          <Loader size={12} />
          <Text size="xs" c="dimmed">{progress}</Text>
        </Group>
      )}
      {result && (
        <Stack gap={2} data-testid="tree-search-results">
          <Text size="xs" c="dimmed" data-testid="tree-search-count">
            {result.matches.length}{result.truncated ? '+' : ''} matches ({result.source === 'live' ? 'live' : 'from the cache'}{refreshedAfter ? `, refreshed after ${refreshedAfter}` : ''})
          </Text>
          <div style={{ height: Math.min(220, Math.max(30, result.matches.length * 26)) }}>
            <VirtualList
              items={result.matches}
              rowHeight={26}
              label="Search results"
              getKey={(m) => m.path}
              renderRow={(m) => (
                <div className="list-row" role="listitem" data-testid={`search-match-${m.path}`} onClick={() => onReveal(m.path)} style={{ cursor: 'pointer', height: 26 }}>
                  <Badge size="xs" variant="light">{m.kind}</Badge>
                  <span className="mono grow">{m.path}</span>
                  {m.value !== undefined && <span className="mono" style={{ color: 'var(--mantine-color-dimmed)' }}>{m.value}</span>}
                </div>
              )}
            />
          </div>
        </Stack>
      )}
    </Stack>
  );
}
