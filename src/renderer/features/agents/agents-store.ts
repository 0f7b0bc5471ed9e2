import type { AgentChange, AgentSummary } from '../../../shared/console-api';
import { applyAgentChanges, sortAgents } from './agent-list';

type Listener = () => void;

/**
 * The one list of agents the renderer holds, fed by the `agents` pushes, read by every view that
 * lists or picks agents (useSyncExternalStore), so none of them goes stale or asks on its own.
 * Pushes that arrive while the first list is loading are applied on top of it once it lands.
 */
export class AgentsStore {
  private list: readonly AgentSummary[] = [];
  private ids: readonly string[] = [];
  private state: 'idle' | 'loading' | 'loaded' = 'idle';
  private pending: AgentChange[] = [];
  private readonly listeners = new Set<Listener>();

  /** The sorted list (pinned, awaiting approval, then by endpoint ID); same array until it changes. */
  agents(): readonly AgentSummary[] {
    return this.list;
  }

  /** Endpoint IDs in list order, for pickers; same array until the set of agents changes. */
  agentIds(): readonly string[] {
    return this.ids;
  }

  get loaded(): boolean {
    return this.state === 'loaded';
  }

  /** Loads the list once (later calls are no-ops unless `force`); errors go to the caller. */
  async load(fetch: () => Promise<AgentSummary[]>, force = false): Promise<void> {
    if (this.state === 'loading' || (this.state === 'loaded' && !force)) return;
    this.state = 'loading';
    try {
      const fetched = await fetch();
      this.set(applyAgentChanges(sortAgents(fetched), this.pending));
      this.state = 'loaded';
    } catch (e) {
      this.state = 'idle';
      throw e;
    } finally {
      this.pending = [];
    }
  }

  apply(changes: readonly AgentChange[]): void {
    if (changes.length === 0) return;
    if (this.state === 'loading') this.pending.push(...changes);
    this.set(applyAgentChanges(this.list, changes));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(list: AgentSummary[]): void {
    this.list = list;
    const ids = list.map((a) => a.agentId);
    if (ids.length !== this.ids.length || ids.some((id, i) => id !== this.ids[i])) this.ids = ids;
    for (const l of this.listeners) l();
  }
}
