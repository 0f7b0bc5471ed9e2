import type {
  CommandSchema, EventSchema, ObjectChildren, ObjectEntry, ParamEntry,
} from '../../../shared/console-api';

/**
 * The tree browser's state as plain data: which object paths are loaded (getChildren answers:
 * schema merged with instances and cached values) and which are expanded; flattened into the
 * visible rows the virtualized list renders. Only expanded nodes contribute rows, so a 100,000
 * parameter model costs only what is open.
 */

export type NodeStatus = 'loading' | 'loaded' | 'error';

export interface NodeState {
  status: NodeStatus;
  data?: ObjectChildren;
  error?: string;
  /** The structure under it changed (tree event); reload when visible. */
  stale?: boolean;
}

export interface TreeState {
  rootPath: string;
  nodes: ReadonlyMap<string, NodeState>;
  expanded: ReadonlySet<string>;
}

export type TreeRowKind = 'object' | 'table' | 'instance' | 'param' | 'command' | 'event' | 'loading' | 'error';

export interface TreeRow {
  /** Unique among rows: the path, or path + '#loading' / '#error' for placeholders. */
  key: string;
  kind: TreeRowKind;
  path: string;
  /** Label: object name, instance number, parameter name, 'Reboot()'. */
  name: string;
  depth: number;
  expandable: boolean;
  expanded: boolean;
  object?: ObjectEntry;
  param?: ParamEntry;
  command?: CommandSchema;
  event?: EventSchema;
  error?: string;
}

export function initialTreeState(rootPath = 'Device.'): TreeState {
  return { rootPath, nodes: new Map(), expanded: new Set([rootPath]) };
}

function withNode(state: TreeState, path: string, node: NodeState): TreeState {
  const nodes = new Map(state.nodes);
  nodes.set(path, node);
  return { ...state, nodes };
}

export function markLoading(state: TreeState, path: string): TreeState {
  const prev = state.nodes.get(path);
  // Keep showing the previous children while a reload is in flight.
  if (prev?.data) return withNode(state, path, { ...prev, stale: false });
  return withNode(state, path, { status: 'loading' });
}

export function markLoaded(state: TreeState, children: ObjectChildren): TreeState {
  return withNode(state, children.path, { status: 'loaded', data: children });
}

export function markError(state: TreeState, path: string, message: string): TreeState {
  const prev = state.nodes.get(path);
  return withNode(state, path, { status: 'error', error: message, ...(prev?.data ? { data: prev.data } : {}) });
}

/** Marks loaded nodes stale; a missing node needs nothing (it loads when expanded). */
export function invalidate(state: TreeState, paths: readonly string[]): TreeState {
  let nodes: Map<string, NodeState> | null = null;
  for (const path of paths) {
    const node = (nodes ?? state.nodes).get(path);
    if (!node) continue;
    nodes ??= new Map(state.nodes);
    nodes.set(path, { ...node, stale: true });
  }
  return nodes ? { ...state, nodes } : state;
}

export function setExpanded(state: TreeState, path: string, expanded: boolean): TreeState {
  if (state.expanded.has(path) === expanded) return state;
  const next = new Set(state.expanded);
  if (expanded) next.add(path);
  else next.delete(path);
  return { ...state, expanded: next };
}

/** Expands every ancestor object of `path` (for "reveal" after a search). */
export function expandTo(state: TreeState, path: string): TreeState {
  const next = new Set(state.expanded);
  for (const a of ancestorsOf(path)) next.add(a);
  return { ...state, expanded: next };
}

/**
 * Object paths above a concrete path, outermost first:
 * 'Device.WiFi.SSID.1.SSID' → ['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.'].
 * An object path's own path is not included.
 */
export function ancestorsOf(path: string): string[] {
  const trimmed = path.endsWith('.') ? path.slice(0, -1) : path;
  const parts = trimmed.split('.');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join('.')}.`);
  return out;
}

/** Paths whose children must be (re)loaded: expanded and never loaded, or stale. */
export function pathsToLoad(state: TreeState): string[] {
  const out: string[] = [];
  for (const path of visibleExpandedPaths(state)) {
    const node = state.nodes.get(path);
    if (!node || (node.stale && node.status !== 'loading')) out.push(path);
  }
  return out;
}

function visibleExpandedPaths(state: TreeState): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    if (!state.expanded.has(path)) return;
    out.push(path);
    const data = state.nodes.get(path)?.data;
    if (data) for (const o of data.objects) walk(o.path);
  };
  walk(state.rootPath);
  return out;
}

function objectLabel(o: ObjectEntry): string {
  if (o.kind !== 'instance') return o.name;
  const keys = Object.entries(o.uniqueKeys ?? {});
  const alias = keys.find(([k]) => k === 'Alias') ?? keys[0];
  return alias ? `${o.name} (${alias[0]}=${alias[1]})` : o.name;
}

/** The rows to render, depth-first: child objects, then parameters, commands, events. */
export function flattenTree(state: TreeState): TreeRow[] {
  const rows: TreeRow[] = [];
  const rootExpanded = state.expanded.has(state.rootPath);
  rows.push({
    key: state.rootPath, kind: 'object', path: state.rootPath, name: state.rootPath.slice(0, -1),
    depth: 0, expandable: true, expanded: rootExpanded,
  });
  if (rootExpanded) addChildren(state, state.rootPath, 1, rows);
  return rows;
}

function addChildren(state: TreeState, path: string, depth: number, rows: TreeRow[]): void {
  const node = state.nodes.get(path);
  if (!node || (node.status === 'loading' && !node.data)) {
    rows.push({ key: `${path}#loading`, kind: 'loading', path, name: 'Loading…', depth, expandable: false, expanded: false });
    return;
  }
  if (node.status === 'error') {
    rows.push({ key: `${path}#error`, kind: 'error', path, name: node.error ?? 'Failed', depth, expandable: false, expanded: false, error: node.error ?? 'Failed' });
  }
  const data = node.data;
  if (!data) return;
  for (const o of data.objects) {
    const expanded = state.expanded.has(o.path);
    rows.push({ key: o.path, kind: o.kind, path: o.path, name: objectLabel(o), depth, expandable: o.hasChildren, expanded, object: o });
    if (expanded) addChildren(state, o.path, depth + 1, rows);
  }
  for (const p of data.params) {
    rows.push({ key: p.path, kind: 'param', path: p.path, name: p.schema.name, depth, expandable: false, expanded: false, param: p });
  }
  for (const c of data.commands) {
    const cp = `${data.path}${c.name}`;
    rows.push({ key: cp, kind: 'command', path: cp, name: c.name, depth, expandable: false, expanded: false, command: c });
  }
  for (const e of data.events) {
    const ep = `${data.path}${e.name}`;
    rows.push({ key: ep, kind: 'event', path: ep, name: e.name, depth, expandable: false, expanded: false, event: e });
  }
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export interface NavResult {
  /** Row key to select. */
  select: string | null;
  /** Path to expand or collapse, if the key does that. */
  toggle?: { path: string; expanded: boolean };
}

/**
 * Keyboard navigation as in a file tree (WAI-ARIA tree pattern): up/down move, right expands
 * or enters, left collapses or goes to the parent, Home/End jump.
 */
export function navigate(rows: readonly TreeRow[], selected: string | null, key: NavKey): NavResult {
  if (rows.length === 0) return { select: null };
  const index = selected === null ? -1 : rows.findIndex((r) => r.key === selected);
  const at = (i: number): string => rows[Math.max(0, Math.min(rows.length - 1, i))]!.key;
  if (index < 0) return { select: at(0) };
  const row = rows[index]!;
  switch (key) {
    case 'ArrowDown': return { select: at(index + 1) };
    case 'ArrowUp': return { select: at(index - 1) };
    case 'Home': return { select: at(0) };
    case 'End': return { select: at(rows.length - 1) };
    case 'ArrowRight':
      if (row.expandable && !row.expanded) return { select: row.key, toggle: { path: row.path, expanded: true } };
      if (row.expandable && row.expanded) return { select: at(index + 1) };
      return { select: row.key };
    case 'ArrowLeft': {
      if (row.expandable && row.expanded) return { select: row.key, toggle: { path: row.path, expanded: false } };
      for (let i = index - 1; i >= 0; i--) {
        if (rows[i]!.depth < row.depth) return { select: rows[i]!.key };
      }
      return { select: row.key };
    }
  }
}
