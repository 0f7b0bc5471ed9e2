import type { LinkState, MtpAddress } from '../mtp/transport';

export type AgentStatus = 'accepted' | 'held' | 'rejected';

/** One way to reach an agent: at most one per transport, the most recently used one wins. */
export interface AgentAddress {
  address: MtpAddress;
  /** When a record last arrived over it (or it was learnt). */
  lastSeenAt: number;
  /**
   * WebSocket/UDS: the connection is open. MQTT/STOMP: nothing says the agent left that topic
   * (no DisconnectRecord, no unanswered request since its last record).
   */
  open: boolean;
}

/** What the registry knows about one agent; plain data, safe to persist and to send to the UI. */
export interface AgentInfo {
  endpointId: string;
  status: AgentStatus;
  online: boolean;
  presenceReason: string;
  presenceChangedAt: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Most recently seen first. */
  addresses: AgentAddress[];
  /** From GetSupportedProtocolResp or OnBoardRequest; null until learnt. */
  protocolVersions: string[] | null;
  /** Trust events the user should see on this agent (a refused takeover, a changed reply topic), newest first. */
  warnings: AgentWarning[];
}

export interface AgentWarning {
  at: number;
  message: string;
}

/** Warnings kept per agent: the latest few tell the story, an attacker cannot grow the list. */
const MAX_WARNINGS = 10;

/** A persisted agent loaded at start: it stays offline until the agent is heard from. */
export interface RestoredAgent {
  endpointId: string;
  status: AgentStatus;
  firstSeenAt: number;
  lastSeenAt: number;
  addresses: Array<{ address: MtpAddress; lastSeenAt: number }>;
  protocolVersions: string[] | null;
}

export interface PresenceChange {
  endpointId: string;
  online: boolean;
  reason: string;
  at: number;
}

export interface RegistryHooks {
  presenceChanged(change: PresenceChange): void;
  /** Anything persisted changed (status, addresses, versions). */
  agentUpdated(agent: AgentInfo): void;
}

/** AgentInfo with addresses keyed by transport, for the registry's own bookkeeping. */
interface Entry extends Omit<AgentInfo, 'addresses'> {
  addresses: Map<string, AgentAddress>;
}

/** WebSocket and UDS peers hold a connection; MQTT and STOMP agents sit behind a broker. */
export function isConnectionOriented(address: MtpAddress): boolean {
  return address.kind === 'websocket' || address.kind === 'uds';
}

export function sameAddress(a: MtpAddress, b: MtpAddress): boolean {
  return a.transportId === b.transportId && a.target === b.target;
}

/**
 * Every agent this controller knows, with its addresses and presence.
 *
 * Presence rule: an agent is online while at least one of its addresses is open on a transport
 * whose link is up. Connection-oriented MTPs (WebSocket, UDS) say exactly when a peer comes and
 * goes (peerOpened/peerClosed). Brokers (MQTT, STOMP) give no per-agent signal and USP defines no
 * will message, so a broker agent is online from its last record until the broker
 * link drops, it sends a DisconnectRecord (R-MTP.7), or a request to it times out — the only
 * evidence we get that it left. Its next record brings it back (after a broker outage too: agents
 * send a Connect Record when their session is back, R-MTP.6).
 */
export class AgentRegistry {
  private readonly agents = new Map<string, Entry>();
  private readonly links = new Map<string, LinkState>();
  /** address key → the agent whose current address it is, so a closing connection finds its agent at once. */
  private readonly byAddress = new Map<string, string>();

  constructor(private readonly hooks: RegistryHooks) {}

  get(endpointId: string): AgentInfo | undefined {
    const entry = this.agents.get(endpointId);
    return entry ? toInfo(entry) : undefined;
  }

  status(endpointId: string): AgentStatus | undefined {
    return this.agents.get(endpointId)?.status;
  }

  list(): AgentInfo[] {
    return [...this.agents.values()].map(toInfo);
  }

  get size(): number {
    return this.agents.size;
  }

  /** Creates the agent on first contact; returns true when it is new. */
  ensure(endpointId: string, status: AgentStatus, at: number): boolean {
    if (this.agents.has(endpointId)) return false;
    this.agents.set(endpointId, {
      endpointId,
      status,
      online: false,
      presenceReason: 'first contact',
      presenceChangedAt: at,
      firstSeenAt: at,
      lastSeenAt: at,
      addresses: new Map(),
      protocolVersions: null,
      warnings: [],
    });
    return true;
  }

  /** Loads persisted agents; ones already known (heard from in this session) are left alone. */
  restore(agents: RestoredAgent[], at: number): void {
    for (const agent of agents) {
      if (this.agents.has(agent.endpointId)) continue;
      const addresses = new Map<string, AgentAddress>();
      for (const { address, lastSeenAt } of agent.addresses) {
        // A restored address is usable for sending, but presence waits for a record.
        addresses.set(address.transportId, { address: { ...address }, lastSeenAt, open: false });
        this.byAddress.set(addressKey(address), agent.endpointId);
      }
      this.agents.set(agent.endpointId, {
        endpointId: agent.endpointId,
        status: agent.status,
        online: false,
        presenceReason: 'restored; not heard from yet',
        presenceChangedAt: at,
        firstSeenAt: agent.firstSeenAt,
        lastSeenAt: agent.lastSeenAt,
        addresses,
        protocolVersions: agent.protocolVersions ? [...agent.protocolVersions] : null,
        warnings: [],
      });
    }
  }

  setStatus(endpointId: string, status: AgentStatus): void {
    const entry = this.agents.get(endpointId);
    if (!entry || entry.status === status) return;
    entry.status = status;
    this.hooks.agentUpdated(toInfo(entry));
  }

  setProtocolVersions(endpointId: string, versions: string[]): void {
    const entry = this.agents.get(endpointId);
    if (!entry) return;
    if (entry.protocolVersions && entry.protocolVersions.join(',') === versions.join(',')) return;
    entry.protocolVersions = [...versions];
    this.hooks.agentUpdated(toInfo(entry));
  }

  /**
   * A record (or a connection naming the agent) arrived over `address`: remember it as the
   * preferred way back and mark it open. A new connection on a transport replaces the old one
   * (reconnects are idempotent, R-WS.4: one session per pair).
   */
  heardFrom(endpointId: string, address: MtpAddress | null, at: number, reason: string): void {
    const entry = this.agents.get(endpointId);
    if (!entry) return;
    entry.lastSeenAt = at;
    if (address) this.setAddress(entry, address, at, true);
    this.recompute(entry, reason, at);
  }

  /**
   * An address known out of band (configuration, CLI flags). It becomes the preferred one; `open`
   * says whether it is known to work now.
   */
  learnAddress(endpointId: string, address: MtpAddress, at: number, open: boolean, reason: string): void {
    const entry = this.agents.get(endpointId);
    if (!entry) return;
    this.setAddress(entry, address, at, open);
    this.recompute(entry, reason, at);
  }

  private setAddress(entry: Entry, address: MtpAddress, at: number, open: boolean): void {
    const previous = entry.addresses.get(address.transportId);
    const changed = !previous || !sameAddress(previous.address, address);
    if (previous && changed) this.byAddress.delete(addressKey(previous.address));
    entry.addresses.set(address.transportId, { address: { ...address }, lastSeenAt: at, open });
    this.byAddress.set(addressKey(address), entry.endpointId);
    if (changed) this.hooks.agentUpdated(toInfo(entry));
  }

  /** Adds a warning shown on the agent (bounded, newest first). */
  warn(endpointId: string, message: string, at: number): void {
    const entry = this.agents.get(endpointId);
    if (!entry) return;
    entry.warnings = [{ at, message }, ...entry.warnings].slice(0, MAX_WARNINGS);
    this.hooks.agentUpdated(toInfo(entry));
  }

  /** The open WebSocket/UDS connection the agent speaks through on this transport, if any. */
  openConnectionOf(endpointId: string, transportId: string): MtpAddress | undefined {
    const known = this.agents.get(endpointId)?.addresses.get(transportId);
    return known && known.open && isConnectionOriented(known.address) ? { ...known.address } : undefined;
  }

  /** The agent's address on this transport (open or not), if any. */
  addressOn(endpointId: string, transportId: string): MtpAddress | undefined {
    const known = this.agents.get(endpointId)?.addresses.get(transportId);
    return known ? { ...known.address } : undefined;
  }

  /** The agent whose current address this is (a WebSocket/UDS connection speaks for one agent only). */
  ownerOf(address: MtpAddress): string | undefined {
    return this.byAddress.get(addressKey(address));
  }

  /** Forgets an agent completely (the user removed it). */
  remove(endpointId: string): boolean {
    const entry = this.agents.get(endpointId);
    if (!entry) return false;
    for (const known of entry.addresses.values()) {
      const key = addressKey(known.address);
      if (this.byAddress.get(key) === endpointId) this.byAddress.delete(key);
    }
    this.agents.delete(endpointId);
    return true;
  }

  /** A connection closed: its agent (if any used it) loses that address's presence. */
  connectionClosed(address: MtpAddress, reason: string, at: number): string | undefined {
    const endpointId = this.byAddress.get(addressKey(address));
    const entry = endpointId === undefined ? undefined : this.agents.get(endpointId);
    const known = entry?.addresses.get(address.transportId);
    if (!entry || !known || !sameAddress(known.address, address) || !known.open) return undefined;
    known.open = false;
    this.recompute(entry, reason, at);
    return entry.endpointId;
  }

  /** The agent went quiet or said goodbye on this address (DisconnectRecord, request timeout). */
  addressClosed(endpointId: string, address: MtpAddress, reason: string, at: number): void {
    const entry = this.agents.get(endpointId);
    const known = entry?.addresses.get(address.transportId);
    if (!entry || !known || !sameAddress(known.address, address)) return;
    known.open = false;
    this.recompute(entry, reason, at);
  }

  /**
   * A transport's link changed; a transport removed counts as down. Returns the agents whose open
   * broker address the outage closed, so the controller can check on them when the link is back.
   */
  linkChanged(transportId: string, state: LinkState, reason: string, at: number): string[] {
    const before = this.links.get(transportId) ?? 'down';
    this.links.set(transportId, state);
    const closed: string[] = [];
    if ((before === 'up') === (state === 'up')) return closed;
    for (const entry of this.agents.values()) {
      const known = entry.addresses.get(transportId);
      if (!known) continue;
      // Agents may come and go while the broker link is down: they count again from their next record.
      if (state !== 'up' && known.open && !isConnectionOriented(known.address)) {
        known.open = false;
        closed.push(entry.endpointId);
      }
      this.recompute(entry, reason, at);
    }
    return closed;
  }

  forgetTransport(transportId: string, reason: string, at: number): void {
    this.linkChanged(transportId, 'down', reason, at);
    this.links.delete(transportId);
  }

  /**
   * Where to send to this agent, best first: open addresses before others, most recent first.
   * Closed WebSocket/UDS connections are never used (their ids die with them); a broker topic
   * stays usable while the broker link is up even when presence says offline.
   */
  routes(endpointId: string): MtpAddress[] {
    const entry = this.agents.get(endpointId);
    if (!entry) return [];
    return [...entry.addresses.values()]
      .filter((a) => this.links.get(a.address.transportId) === 'up' && (a.open || !isConnectionOriented(a.address)))
      .sort((a, b) => Number(b.open) - Number(a.open) || b.lastSeenAt - a.lastSeenAt)
      .map((a) => a.address);
  }

  private recompute(entry: Entry, reason: string, at: number): void {
    const online = [...entry.addresses.values()].some((a) => a.open && this.links.get(a.address.transportId) === 'up');
    if (online === entry.online) return;
    entry.online = online;
    entry.presenceReason = reason;
    entry.presenceChangedAt = at;
    this.hooks.presenceChanged({ endpointId: entry.endpointId, online, reason, at });
  }
}

function addressKey(address: MtpAddress): string {
  return `${address.transportId}\u0000${address.target}`;
}

function toInfo(entry: Entry): AgentInfo {
  return {
    endpointId: entry.endpointId,
    status: entry.status,
    online: entry.online,
    presenceReason: entry.presenceReason,
    presenceChangedAt: entry.presenceChangedAt,
    firstSeenAt: entry.firstSeenAt,
    lastSeenAt: entry.lastSeenAt,
    addresses: [...entry.addresses.values()]
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
      .map((a) => ({ address: { ...a.address }, lastSeenAt: a.lastSeenAt, open: a.open })),
    protocolVersions: entry.protocolVersions ? [...entry.protocolVersions] : null,
    warnings: entry.warnings.map((w) => ({ ...w })),
  };
}
