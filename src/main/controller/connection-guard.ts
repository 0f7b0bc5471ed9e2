import type { InboundRecord, MtpAddress, Transport } from '../mtp/transport';
import { sameAddress, type AgentRegistry } from './agent-registry';
import { ConnectionClaims } from './connection-claims';

/** What the guard needs from the controller. */
export interface ConnectionGuardHost {
  readonly registry: AgentRegistry;
  clock(): number;
  /** A warning shown on the agent and logged. */
  warnAgent(endpointId: string, transportId: string, message: string): void;
  /** Traces and reports a Record refused for `reason`. */
  refuse(transport: Transport, inbound: InboundRecord, endpointId: string, reason: string): void;
  /** Runs a held Record through the intake again, now that its connection speaks for the agent. */
  replay(transport: Transport, inbound: InboundRecord): void;
  /** The transport is still attached to the controller. */
  attached(transportId: string): boolean;
  /** The agent came back on a new connection while the console still held the old one (no presence change shows it). */
  reconnected(endpointId: string): void;
}

/**
 * Agent identity per WebSocket/UDS connection (issue 9 #1, R-SEC.0a, R-WS.4):
 * - a Record whose from_id differs from the Endpoint ID its connection is bound to is dropped;
 * - a new connection claiming an agent that is online on another connection of the same
 *   transport does not take over while that connection answers a Ping: the incumbent is checked
 *   (transport.checkAlive), the claimant's Records wait meanwhile, and the outcome is a warning
 *   on the agent either way.
 */
export class ConnectionGuard {
  private readonly claims = new ConnectionClaims();

  constructor(
    private readonly host: ConnectionGuardHost,
    private readonly probeTimeoutMs: number,
  ) {}

  /** A Record from `endpointId` arrived on connection `address`: true when it may be processed now. */
  admit(transport: Transport, address: MtpAddress, endpointId: string, inbound: InboundRecord): boolean {
    const bound = this.claims.boundTo(address);
    if (bound !== undefined) {
      if (bound === endpointId) return true;
      const reason = `from_id "${endpointId}" on a connection that belongs to "${bound}"`;
      this.host.refuse(transport, inbound, endpointId, reason);
      this.host.warnAgent(bound, transport.id, `dropped a Record claiming to come from "${endpointId}" on this agent's connection ${address.target}`);
      return false;
    }
    if (this.claims.contest(address) !== undefined) {
      if (!this.claims.hold(address, inbound)) this.host.refuse(transport, inbound, endpointId, 'too many Records while its claim to an Endpoint ID is checked');
      return false;
    }
    return this.claim(transport, address, endpointId, inbound);
  }

  /** A connection opened naming `endpointId` (upgrade eid, or a client transport reaching the same agent): true when it speaks for it now. */
  opened(transport: Transport, address: MtpAddress, endpointId: string): boolean {
    if (this.claims.contest(address) !== undefined) return false;
    return this.claim(transport, address, endpointId, null);
  }

  closed(address: MtpAddress): void {
    this.claims.release(address);
  }

  private claim(transport: Transport, address: MtpAddress, endpointId: string, inbound: InboundRecord | null): boolean {
    const incumbent = this.host.registry.openConnectionOf(endpointId, transport.id);
    if (incumbent === undefined || sameAddress(incumbent, address)) {
      this.claims.bind(address, endpointId);
      return true;
    }
    if (!this.claims.open(address, endpointId, incumbent)) {
      if (inbound) this.host.refuse(transport, inbound, endpointId, `"${endpointId}" is online on another connection`);
      transport.closePeer?.(address, 'Endpoint ID in use by another connection');
      return false;
    }
    if (inbound) this.claims.hold(address, inbound);
    void this.settle(transport, address, endpointId, incumbent);
    return false;
  }

  /** Checks the incumbent connection and lets the claimant take over only if it is dead. */
  private async settle(transport: Transport, claimant: MtpAddress, endpointId: string, incumbent: MtpAddress): Promise<void> {
    let alive: boolean;
    try {
      // Without a way to ask, an open connection counts as alive: no takeover on a guess.
      alive = transport.checkAlive ? await transport.checkAlive(incumbent, this.probeTimeoutMs) : true;
    } catch {
      alive = false;
    }
    const stillClaiming = this.claims.contest(claimant) !== undefined;
    const held = this.claims.close(claimant);
    if (!this.host.attached(transport.id)) return;
    if (alive) {
      for (const inbound of held) this.host.refuse(transport, inbound, endpointId, `"${endpointId}" is online on another connection that answers Pings`);
      transport.closePeer?.(claimant, 'Endpoint ID in use by a live connection');
      this.host.warnAgent(
        endpointId,
        transport.id,
        `refused a takeover: connection ${claimant.target} claimed this Endpoint ID while its connection ${incumbent.target} still answers Pings`,
      );
      return;
    }
    transport.closePeer?.(incumbent, 'no answer to a Ping while another connection claimed its Endpoint ID');
    if (!stillClaiming) return;
    this.claims.bind(claimant, endpointId);
    this.host.warnAgent(endpointId, transport.id, `moved to connection ${claimant.target}: its connection ${incumbent.target} did not answer a Ping`);
    if (held.length === 0) this.host.registry.heardFrom(endpointId, claimant, this.host.clock(), `connected over ${transport.describe(claimant)} after the previous connection died`);
    for (const inbound of held) this.host.replay(transport, inbound);
    this.host.reconnected(endpointId);
  }
}
