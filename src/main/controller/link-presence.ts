import type { LinkState, MtpAddress, Transport } from '../mtp/transport';
import { isConnectionOriented, sameAddress } from './agent-registry';
import type { BrokerOutages } from './broker-outages';
import type { ConnectionGuard } from './connection-guard';
import type { ControllerParts } from './controller-parts';
import type { Outbound } from './outbound';
import type { PendingRequest } from './pending-requests';
import type { PresenceProber } from './presence-prober';

/** Agents × broker transports whose last Connect Record is remembered. */
const MAX_ANNOUNCED = 200_000;

const announceKey = (endpointId: string, transportId: string): string => `${endpointId}\u0000${transportId}`;

/** Presence from the transports' link and peer events and from request timeouts. */
export class LinkPresence {
  /** When each transport's link last came up: timeouts of requests sent right after are retried before judging. */
  private readonly linkUpAt = new Map<string, number>();
  /** When each broker agent last sent a Connect Record, by announceKey. */
  private readonly announcedAt = new Map<string, number>();

  constructor(
    private readonly parts: ControllerParts,
    private readonly outbound: Outbound,
    private readonly guard: ConnectionGuard,
    private readonly prober: PresenceProber,
    private readonly outages: BrokerOutages,
  ) {}

  peerOpened(transport: Transport, address: MtpAddress, endpointId: string | undefined): void {
    const { registry } = this.parts;
    // A client transport reconnecting to the same URL/socket reaches the agent it reached before.
    const known = endpointId ?? registry.ownerOf(address);
    if (known !== undefined && registry.status(known) !== undefined && this.guard.opened(transport, address, known)) {
      registry.heardFrom(known, address, this.parts.clock(), `connected over ${transport.describe(address)}`);
    }
  }

  peerClosed(address: MtpAddress, reason: string): void {
    this.guard.closed(address);
    this.parts.registry.connectionClosed(address, `connection closed: ${reason}`, this.parts.clock());
    this.outbound.failPendingOn((a) => sameAddress(a, address), `connection closed (${reason})`);
  }

  link(transport: Transport, state: LinkState, reason: string): void {
    const at = this.parts.clock();
    const closed = this.parts.registry.linkChanged(transport.id, state, `${transport.kind} link ${state}: ${reason}`, at);
    if (state !== 'up') {
      this.outages.linkDown(transport.id, closed);
      this.outbound.failPendingOn((a) => a.transportId === transport.id, `${transport.kind} link ${state} (${reason})`);
    } else {
      this.linkUpAt.set(transport.id, at);
      this.probeDoubtful(transport.id, this.outages.linkUp(transport.id));
    }
    this.parts.events.emit('link', { transportId: transport.id, kind: transport.kind, state, reason, at });
  }

  /** A transport was removed: its outage record goes with it. */
  forget(transportId: string): void {
    this.outages.forget(transportId);
  }

  /**
   * Asks each agent that was online before an outage, and every accepted broker agent of this
   * transport that is offline (restored from the store after a console restart, or gone quiet):
   * an answer restores its presence; silence is retried with back-off (issue 9 #6).
   */
  probeDoubtful(transportId: string, before: readonly string[]): void {
    const { registry } = this.parts;
    const doubtful = new Set(before);
    for (const agent of registry.list()) {
      if (!agent.online && agent.addresses.some((a) => a.address.transportId === transportId && !isConnectionOriented(a.address))) doubtful.add(agent.endpointId);
    }
    for (const endpointId of doubtful) if (registry.status(endpointId) === 'accepted') this.prober.schedule(endpointId);
  }

  /** A broker agent announced itself on a transport (an MQTT or STOMP Connect Record): it has just (re)subscribed. */
  announced(endpointId: string, transportId: string, at: number): void {
    const key = announceKey(endpointId, transportId);
    this.announcedAt.delete(key);
    this.announcedAt.set(key, at);
    // Bounded like everything peers can grow: the least recently announced go first.
    if (this.announcedAt.size > MAX_ANNOUNCED) this.announcedAt.delete(this.announcedAt.keys().next().value!);
  }

  requestTimedOut(request: PendingRequest): void {
    // Over a broker the only sign an agent left is silence (see AgentRegistry); a connection's own
    // keep-alive decides for WebSocket/UDS.
    if (isConnectionOriented(request.address)) return;
    const { endpointId, address } = request;
    // Not evidence of absence (issue 9 #6): a request that left just after the broker link came
    // back may have reached the agent's topic before the agent re-subscribed. Ask again before
    // judging, unless the agent has sent us a Record over this address since the link came up: it
    // was subscribed then, so its silence now counts (a probe would wait a whole request timeout).
    // Likewise when the agent announced itself (a Connect Record) after the request left: it
    // (re)subscribed only then, so the request may never have reached it (the soak saw half the
    // fleet wrongly marked offline after a broker restart so).
    const upAt = this.linkUpAt.get(address.transportId);
    const justAfterLinkUp = upAt !== undefined && request.sentAt - upAt < Math.max(request.timeoutMs, 1_000);
    const announcedSince = (this.announcedAt.get(announceKey(endpointId, address.transportId)) ?? -Infinity) > request.sentAt;
    if (announcedSince || (justAfterLinkUp && !this.heardOverSince(endpointId, address, upAt))) {
      this.prober.schedule(endpointId);
      return;
    }
    this.parts.registry.addressClosed(endpointId, address, `no response to ${request.msgId} within ${request.timeoutMs} ms`, this.parts.clock());
    // Offline by a timeout: probed again with back-off, back online when it answers.
    this.prober.retry(endpointId);
  }

  /** Whether a Record from the agent arrived over `address` at or after `at` (its address open since). */
  private heardOverSince(endpointId: string, address: MtpAddress, at: number): boolean {
    const known = this.parts.registry.get(endpointId)?.addresses.find((a) => sameAddress(a.address, address));
    return known !== undefined && known.open && known.lastSeenAt >= at;
  }
}
