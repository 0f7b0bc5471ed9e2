/**
 * Remembers the msg_ids of Notify messages already processed, per agent, so an agent's retries
 * and the same Notify arriving over a second MTP are answered
 * again but processed once. Memory is bounded: the last `perAgent` ids of each agent, and at most
 * `maxAgents` agents (the least recently heard-from agent is forgotten first).
 */
export class NotifyDedup {
  private readonly agents = new Map<string, { ids: Set<string>; order: string[] }>();

  constructor(
    readonly perAgent = 256,
    readonly maxAgents = 100_000,
  ) {}

  /** True the first time (endpointId, msgId) is seen; false for a repeat. */
  firstTime(endpointId: string, msgId: string): boolean {
    let seen = this.agents.get(endpointId);
    if (seen) {
      // Re-insert to keep the Map in least-recently-used order.
      this.agents.delete(endpointId);
      this.agents.set(endpointId, seen);
      if (seen.ids.has(msgId)) return false;
    } else {
      seen = { ids: new Set(), order: [] };
      this.agents.set(endpointId, seen);
      if (this.agents.size > this.maxAgents) {
        const oldest = this.agents.keys().next().value;
        if (oldest !== undefined) this.agents.delete(oldest);
      }
    }
    seen.ids.add(msgId);
    seen.order.push(msgId);
    if (seen.order.length > this.perAgent) {
      const dropped = seen.order.shift();
      if (dropped !== undefined) seen.ids.delete(dropped);
    }
    return true;
  }

  /** Forgets an agent entirely (e.g. removed from the registry). */
  forget(endpointId: string): void {
    this.agents.delete(endpointId);
  }
}
