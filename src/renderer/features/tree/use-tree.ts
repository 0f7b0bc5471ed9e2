import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ObjectChildren } from '../../../shared/console-api';
import { useApiContext, useConsoleEvent } from '../../api/api-context';
import { explainError } from '../../lib/format';
import {
  ancestorsOf, expandTo, flattenTree, initialTreeState, invalidate, markError, markLoaded, markLoading, pathsToLoad, setExpanded,
  type TreeRow, type TreeState,
} from './tree-model';

export interface RefreshSummary {
  objects: number;
  values: number;
  changed: number;
  failed: number;
  source: 'live' | 'cache';
}

/** Objects re-read at once by Refresh: enough to be quick, few enough not to flood one agent. */
const REFRESH_CONCURRENCY = 4;

export interface TreeController {
  state: TreeState;
  rows: TreeRow[];
  toggle(path: string, expanded: boolean): void;
  reveal(path: string): void;
  /** Reload one object's children from the agent (refresh: true). */
  reload(path: string): Promise<void>;
  /**
   * Re-reads every expanded object from the agent (instances and values), a few at a time, and
   * says how many values came back and how many differ from what was shown.
   */
  refreshExpanded(onProgress: (done: number, total: number) => void): Promise<RefreshSummary>;
  /** The loaded children of an object path, if any. */
  childrenOf(path: string): ObjectChildren | undefined;
}

/**
 * Loads what the tree shows, lazily: whenever an expanded node is not loaded (or went stale
 * through a 'tree' event), getChildren is called for it; values are seeded into the shared
 * store so rows pick up newer pushed values.
 */
export function useTree(agentId: string, ready: boolean): TreeController {
  const { api, values } = useApiContext();
  const [state, setState] = useState<TreeState>(() => initialTreeState());

  // Paths with a getChildren in flight, so a re-render does not ask twice.
  const inFlight = useRef(new Set<string>());

  const load = useCallback((path: string, refresh: boolean): Promise<void> => {
    inFlight.current.add(path);
    return api.getChildren(agentId, path, refresh ? { refresh: true } : undefined).then((children) => {
      values.seed(agentId, children.params.flatMap((p) => (p.value !== null && p.readAt !== null ? [{ path: p.path, value: p.value, readAt: p.readAt }] : [])));
      setState((s) => markLoaded(s, children));
    }, (e: unknown) => {
      const view = explainError(e);
      setState((s) => markError(s, path, `${view.title}: ${view.message}`));
    }).finally(() => inFlight.current.delete(path));
  }, [api, agentId, values]);

  useEffect(() => {
    if (!ready) return;
    for (const path of pathsToLoad(state)) {
      if (!inFlight.current.has(path)) void load(path, false);
    }
  }, [ready, state, load]);

  useConsoleEvent('tree', (batch) => {
    // A table that gained or lost an instance: its own rows, and its count in its parent object.
    const paths = batch.filter((t) => t.agentId === agentId).flatMap((t) => (t.reason === 'instance-added' || t.reason === 'instance-deleted' ? [t.path, ...ancestorsOf(t.path).slice(-1)] : [t.path]));
    if (paths.length > 0) setState((s) => invalidate(s, paths));
  });

  const rows = useMemo(() => flattenTree(state), [state]);

  return {
    state,
    rows,
    toggle: (path, expanded) => setState((s) => setExpanded(s, path, expanded)),
    reveal: (path) => setState((s) => expandTo(s, path)),
    reload: (path) => {
      setState((s) => markLoading(s, path));
      return load(path, true);
    },
    refreshExpanded: async (onProgress) => {
      const paths = [...state.expanded].filter((p) => state.nodes.get(p)?.data !== undefined);
      const summary: RefreshSummary = { objects: paths.length, values: 0, changed: 0, failed: 0, source: 'live' };
      let next = 0;
      let done = 0;
      const worker = async (): Promise<void> => {
        while (next < paths.length) {
          const path = paths[next++]!;
          try {
            const children = await api.getChildren(agentId, path, { refresh: true });
            if (children.source === 'cache') summary.source = 'cache';
            for (const p of children.params) {
              if (p.value === null) continue;
              summary.values += 1;
              const shown = values.get(agentId, p.path)?.value ?? state.nodes.get(path)?.data?.params.find((x) => x.path === p.path)?.value;
              if (shown !== undefined && shown !== null && shown !== p.value) summary.changed += 1;
            }
            values.seed(agentId, children.params.flatMap((p) => (p.value !== null && p.readAt !== null ? [{ path: p.path, value: p.value, readAt: p.readAt }] : [])));
            setState((s) => markLoaded(s, children));
          } catch (e) {
            summary.failed += 1;
            const view = explainError(e);
            setState((s) => markError(s, path, `${view.title}: ${view.message}`));
          }
          onProgress(++done, paths.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, paths.length) }, worker));
      return summary;
    },
    childrenOf: (path) => state.nodes.get(path)?.data,
  };
}
