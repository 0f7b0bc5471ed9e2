/** The views, addressed by the location hash so views can be bookmarked and opened by tests. */
export type ViewName = 'agents' | 'tree' | 'feed' | 'inspector' | 'snapshots' | 'settings';

export interface Route {
  view: ViewName;
  /** The agent opened in the tree (and preselected elsewhere). */
  agentId: string | null;
}

const views: readonly ViewName[] = ['agents', 'tree', 'feed', 'inspector', 'snapshots', 'settings'];

/** '#/tree/proto%3A%3Aa1' → { view: 'tree', agentId: 'proto::a1' }; anything else → agents. */
export function parseRoute(hash: string): Route {
  const [, view, agent] = /^#\/([a-z]+)(?:\/(.*))?$/.exec(hash) ?? [];
  const v = views.find((x) => x === view) ?? 'agents';
  let agentId: string | null = null;
  if (agent) {
    try {
      agentId = decodeURIComponent(agent);
    } catch {
      agentId = null;
    }
  }
  return { view: v, agentId };
}

export function formatRoute(route: Route): string {
  return route.agentId ? `#/${route.view}/${encodeURIComponent(route.agentId)}` : `#/${route.view}`;
}
