/**
 * Which agents each broker outage took offline, so they can be checked on once the link is back:
 * a Connect Record an agent published before we subscribed again is lost (QoS 0, not retained).
 */
export class BrokerOutages {
  private readonly down = new Map<string, Set<string>>();

  /** The link is down (or still reconnecting); `closed` are the agents it just took offline. */
  linkDown(transportId: string, closed: string[]): void {
    const agents = this.down.get(transportId) ?? new Set<string>();
    for (const endpointId of closed) agents.add(endpointId);
    this.down.set(transportId, agents);
  }

  /** The link is up again: the agents to check on, each once. */
  linkUp(transportId: string): string[] {
    const agents = this.down.get(transportId);
    this.down.delete(transportId);
    return agents ? [...agents] : [];
  }

  forget(transportId: string): void {
    this.down.delete(transportId);
  }
}
