/** The views, addressed by the location hash so views can be bookmarked and opened by tests. */
export type ViewName = 'agents' | 'tree' | 'feed' | 'inspector' | 'snapshots' | 'jobs' | 'settings';

export interface Route {
  view: ViewName;
  /** The agent opened in the tree (and preselected elsewhere). */
  agentId: string | null;
  /** A path to reveal and select in the tree. */
  path?: string;
}

const views: readonly ViewName[] = ['agents', 'tree', 'feed', 'inspector', 'snapshots', 'jobs', 'settings'];

/**
 * '#/tree/proto%3A%3Aa1' → { view: 'tree', agentId: 'proto::a1' };
 * '#/tree/proto%3A%3Aa1/Device.WiFi.' adds path 'Device.WiFi.'; anything else → agents.
 */
export function parseRoute(hash: string): Route {
  const [, view, agent, path] = /^#\/([a-z]+)(?:\/([^/]*)(?:\/(.*))?)?$/.exec(hash) ?? [];
  const v = views.find((x) => x === view) ?? 'agents';
  const agentId = agent ? decode(agent) : null;
  const p = path ? decode(path) : null;
  return p !== null && agentId !== null ? { view: v, agentId, path: p } : { view: v, agentId };
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function formatRoute(route: Route): string {
  if (!route.agentId) return `#/${route.view}`;
  const base = `#/${route.view}/${encodeURIComponent(route.agentId)}`;
  return route.path ? `${base}/${encodeURIComponent(route.path)}` : base;
}
