import { printable } from '../../shared/endpoint-id';
import type { AgentDetail, AgentFilter, AgentSummary } from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import type { Controller } from '../controller';
import type { Store } from '../store/store';
import type { BrowseService } from './browse/browse-service';
import { toAgentSummary } from './dto';
import type { EventHub } from './event-hub';
import type { SubscriptionKeeper } from './subscription-keeper';

/** The longest tag an operator may give an agent. */
const MAX_TAG_LENGTH = 64;

/** The agent list and one agent's details, tags, pin and approval: what the Agents view does. */
export class AgentsService {
  constructor(
    private readonly controller: Controller,
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly browse: BrowseService,
    private readonly keeper: SubscriptionKeeper,
  ) {}

  list(filter: AgentFilter = {}): AgentSummary[] {
    const all = this.store.agents.list().map((r) => toAgentSummary(r, this.controller.agent(r.endpointId), (a) => this.controller.describeAddress(a)));
    const text = filter.text?.trim().toLowerCase() ?? '';
    return all.filter((a) => {
      if (filter.presence && !filter.presence.includes(a.presence)) return false;
      if (filter.approval && !filter.approval.includes(a.approval)) return false;
      if (filter.mtp && (a.mtp === null || !filter.mtp.includes(a.mtp))) return false;
      if (filter.tags && !filter.tags.every((t) => a.tags.includes(t))) return false;
      if (filter.pinnedOnly && !a.pinned) return false;
      if (text === '') return true;
      return [a.agentId, a.model, a.firmware, a.serialNumber, a.mtpAddress, ...a.tags].some((v) => v?.toLowerCase().includes(text));
    });
  }

  get(agentId: string): AgentDetail {
    const summary = this.summary(agentId);
    const live = this.controller.agent(agentId);
    const record = this.store.agents.get(agentId)!;
    const dbId = this.store.agents.idOf(agentId);
    const security = this.controller.linkSecurity(agentId);
    const tls = (transportId: string): AgentDetail['mtps'][number]['tls'] => security.links.get(transportId) ?? null;
    const addresses = live
      ? live.addresses.map((a) => ({ mtp: a.address.kind, address: a.address.target, label: this.controller.describeAddress(a.address), profileId: a.address.transportId, connected: a.open && live.online, lastSeen: a.lastSeenAt, tls: tls(a.address.transportId) }))
      : record.addresses.map((a) => ({ mtp: a.kind, address: a.target, label: this.controller.describeAddress(a), profileId: a.transportId, connected: false, lastSeen: null, tls: null }));
    const schema = this.browse.schema(agentId);
    return {
      ...summary,
      mtps: addresses,
      cache: {
        schemaFetchedAt: this.browse.schemaReadAt(agentId),
        objectCount: schema.size,
        paramCount: dbId === undefined ? 0 : this.store.cache.valueCount(dbId),
        oldestValueAt: dbId === undefined ? null : this.store.cache.oldestReadAt(dbId),
        newestValueAt: dbId === undefined ? null : this.store.cache.latestReadAt(dbId),
      },
      certificateRefusal: security.lastRefusal,
    };
  }

  setTags(agentId: string, tags: string[]): AgentSummary {
    const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
    const tooLong = clean.find((t) => t.length > MAX_TAG_LENGTH);
    if (tooLong) throw new ConsoleApiError({ code: 'invalid-argument', message: `Tag "${tooLong.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.` });
    this.summary(agentId);
    return this.update(agentId, { tags: clean });
  }

  setPinned(agentId: string, pinned: boolean): AgentSummary {
    this.summary(agentId);
    return this.update(agentId, { pinned });
  }

  approve(agentId: string): AgentSummary {
    this.summary(agentId);
    if (this.controller.agent(agentId)) this.controller.approveAgent(agentId);
    return this.update(agentId, { approval: 'approved' });
  }

  reject(agentId: string): AgentSummary {
    this.summary(agentId);
    if (this.controller.agent(agentId)) this.controller.rejectAgent(agentId);
    return this.update(agentId, { approval: 'rejected' });
  }

  /** Removes the agent from the controller and the store with its cached data; snapshots stay. */
  forget(agentId: string): void {
    const inController = this.controller.forgetAgent(agentId);
    const inStore = this.store.forgetAgent(agentId);
    this.keeper.forgetAgent(agentId);
    if (!inController && !inStore) throw new ConsoleApiError({ code: 'not-found', message: `No agent "${printable(agentId, 80)}".` });
    this.hub.push('agents', { kind: 'removed', agentId });
  }

  /** The agent's summary; throws not-found for an unknown agent. */
  summary(agentId: string): AgentSummary {
    const record = this.store.agents.get(agentId);
    if (!record) throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId} is known.` });
    return toAgentSummary(record, this.controller.agent(agentId), (a) => this.controller.describeAddress(a));
  }

  private update(agentId: string, change: Parameters<Store['upsertAgent']>[1]): AgentSummary {
    const summary = toAgentSummary(this.store.upsertAgent(agentId, change), this.controller.agent(agentId), (a) => this.controller.describeAddress(a));
    this.hub.push('agents', { kind: 'upsert', agent: summary });
    return summary;
  }
}
