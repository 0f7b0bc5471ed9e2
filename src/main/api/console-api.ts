import type {
  AgentDetail, AgentFilter, AgentSummary, AppInfo, ConsoleApi, ConsoleEventListener, ConsoleEventName, ConsoleSettings,
  SettingsUpdate, TransportStatus, Unsubscribe,
} from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import type { Controller } from '../controller';
import type { EventHub } from '../app/event-hub';
import type { SettingsService } from '../app/settings-service';
import type { TransportManager } from '../app/transport-manager';
import type { Store } from '../store/store';
import type { BrowseService } from './browse/browse-service';
import { toAgentSummary } from './dto';
import type { EditService } from './edit-service';
import type { RecordsService } from './records-service';
import type { SnapshotsApi } from './snapshots-api';

export interface ConsoleApiDeps {
  info: { version: string; host: AppInfo['host']; dataDir: string };
  controller: Controller;
  store: Store;
  hub: EventHub;
  settings: SettingsService;
  transports: TransportManager;
  browse: BrowseService;
  edit: EditService;
  records: RecordsService;
  snapshots: SnapshotsApi;
}

/**
 * The one implementation of ConsoleApi (src/shared/console-api.ts), shared by the Electron
 * IPC host and the headless web bridge. Arguments arrive validated (validation/); failures
 * are thrown as typed errors that the hosts turn into ConsoleApiError data.
 */
export class ConsoleApiImpl implements ConsoleApi {
  constructor(private readonly d: ConsoleApiDeps) {}

  // ----- application -----

  async getAppInfo(): Promise<AppInfo> {
    return { version: this.d.info.version, host: this.d.info.host, controllerEndpointId: this.d.controller.endpointId, dataDir: this.d.info.dataDir };
  }

  async getTransportStatus(): Promise<TransportStatus[]> {
    return this.d.transports.status();
  }

  // ----- agents -----

  async listAgents(filter: AgentFilter = {}): Promise<AgentSummary[]> {
    const all = this.d.store.agents.list().map((r) => toAgentSummary(r, this.d.controller.agent(r.endpointId)));
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

  async getAgent(agentId: string): Promise<AgentDetail> {
    const summary = this.summary(agentId);
    const live = this.d.controller.agent(agentId);
    const record = this.d.store.agents.get(agentId)!;
    const dbId = this.d.store.agents.idOf(agentId);
    const addresses = live
      ? live.addresses.map((a) => ({ mtp: a.address.kind, address: a.address.target, profileId: a.address.transportId, connected: a.open && live.online, lastSeen: a.lastSeenAt }))
      : record.addresses.map((a) => ({ mtp: a.kind, address: a.target, profileId: a.transportId, connected: false, lastSeen: null }));
    const schema = this.d.browse.schema(agentId);
    return {
      ...summary,
      mtps: addresses,
      cache: {
        schemaFetchedAt: this.d.browse.schemaReadAt(agentId),
        objectCount: schema.size,
        paramCount: dbId === undefined ? 0 : this.d.store.cache.valueCount(dbId),
        oldestValueAt: null,
        newestValueAt: dbId === undefined ? null : this.d.store.cache.latestReadAt(dbId),
      },
      queuedRequests: 0,
    };
  }

  async setAgentTags(agentId: string, tags: string[]): Promise<AgentSummary> {
    const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
    const tooLong = clean.find((t) => t.length > 64);
    if (tooLong) throw new ConsoleApiError({ code: 'invalid-argument', message: `Tag "${tooLong.slice(0, 20)}…" is longer than 64 characters.` });
    this.summary(agentId);
    return this.update(agentId, { tags: clean });
  }

  async setAgentPinned(agentId: string, pinned: boolean): Promise<AgentSummary> {
    this.summary(agentId);
    return this.update(agentId, { pinned });
  }

  async approveAgent(agentId: string): Promise<AgentSummary> {
    this.summary(agentId);
    if (this.d.controller.agent(agentId)) this.d.controller.approveAgent(agentId);
    return this.update(agentId, { approval: 'approved' });
  }

  async rejectAgent(agentId: string): Promise<AgentSummary> {
    this.summary(agentId);
    if (this.d.controller.agent(agentId)) this.d.controller.rejectAgent(agentId);
    return this.update(agentId, { approval: 'rejected' });
  }

  // ----- browse -----

  getSupportedDM: ConsoleApi['getSupportedDM'] = (agentId, options) => this.d.browse.getSupportedDM(agentId, options);
  getChildren: ConsoleApi['getChildren'] = (agentId, objPath, options) => this.d.browse.getChildren(agentId, objPath, options);
  refresh: ConsoleApi['refresh'] = (agentId, path) => this.d.browse.refresh(agentId, path);
  searchTree: ConsoleApi['searchTree'] = (agentId, query) => this.d.browse.searchTree(agentId, query);
  completePath: ConsoleApi['completePath'] = async (agentId, prefix, limit) => this.d.browse.completePath(agentId, prefix, limit);

  // ----- edit and subscriptions -----

  setParameterValues: ConsoleApi['setParameterValues'] = (agentId, updates, options) => this.d.edit.setParameterValues(agentId, updates, options);
  addInstance: ConsoleApi['addInstance'] = (agentId, objPath, params, options) => this.d.edit.addInstance(agentId, objPath, params, options);
  deleteInstances: ConsoleApi['deleteInstances'] = (agentId, objPaths, options) => this.d.edit.deleteInstances(agentId, objPaths, options);
  operate: ConsoleApi['operate'] = (agentId, command, inputArgs, options) => this.d.edit.operate(agentId, command, inputArgs, options);
  subscribe: ConsoleApi['subscribe'] = (agentId, request) => this.d.edit.subscribe(agentId, request);
  unsubscribe: ConsoleApi['unsubscribe'] = (agentId, subscriptionId) => this.d.edit.unsubscribe(agentId, subscriptionId);
  listSubscriptions: ConsoleApi['listSubscriptions'] = (agentId) => this.d.edit.listSubscriptions(agentId);
  subscribePath: ConsoleApi['subscribePath'] = (agentId, notifType, path) => this.d.edit.subscribePath(agentId, notifType, path);

  // ----- notifications, trace, raw messages -----

  queryNotifications: ConsoleApi['queryNotifications'] = async (query) => this.d.records.queryNotifications(query);
  queryTrace: ConsoleApi['queryTrace'] = async (query) => this.d.records.queryTrace(query);
  getTraceRecord: ConsoleApi['getTraceRecord'] = async (traceId) => this.d.records.getTraceRecord(traceId);
  sendRawMessage: ConsoleApi['sendRawMessage'] = (agentId, message, options) => this.d.records.sendRawMessage(agentId, message, options);

  // ----- snapshots -----

  listSnapshots: ConsoleApi['listSnapshots'] = async (agentId) => this.d.snapshots.listSnapshots(agentId);
  captureSnapshot: ConsoleApi['captureSnapshot'] = (agentId, options) => this.d.snapshots.captureSnapshot(agentId, options);
  exportSnapshot: ConsoleApi['exportSnapshot'] = (snapshotId, options) => this.d.snapshots.exportSnapshot(snapshotId, options);
  importSnapshot: ConsoleApi['importSnapshot'] = async (file) => this.d.snapshots.importSnapshot(file);
  deleteSnapshot: ConsoleApi['deleteSnapshot'] = async (snapshotId) => this.d.snapshots.deleteSnapshot(snapshotId);
  diff: ConsoleApi['diff'] = (left, right, options) => this.d.snapshots.diff(left, right, options);

  // ----- settings -----

  async getSettings(): Promise<ConsoleSettings> {
    return this.d.settings.public();
  }

  async updateSettings(update: SettingsUpdate): Promise<ConsoleSettings> {
    const stored = this.d.settings.update(update);
    // Takes effect now, not at the next start: the next unknown agent is held or accepted.
    if (update.approvalMode) this.d.controller.setAcceptUnknownAgents(update.approvalMode === 'auto-approve');
    if (update.retention) this.d.store.trace.setLimit(update.retention.maxTraceRows > 0 ? update.retention.maxTraceRows : Number.MAX_SAFE_INTEGER);
    await this.d.transports.apply(stored);
    return this.d.settings.public();
  }

  // ----- events -----

  on<K extends ConsoleEventName>(event: K, listener: ConsoleEventListener<K>): Unsubscribe {
    return this.d.hub.onBatch((name, batch) => {
      if (name === event) listener(batch as Parameters<ConsoleEventListener<K>>[0]);
    });
  }

  private summary(agentId: string): AgentSummary {
    const record = this.d.store.agents.get(agentId);
    if (!record) throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId} is known.` });
    return toAgentSummary(record, this.d.controller.agent(agentId));
  }

  private update(agentId: string, change: Parameters<Store['upsertAgent']>[1]): AgentSummary {
    const summary = toAgentSummary(this.d.store.upsertAgent(agentId, change), this.d.controller.agent(agentId));
    this.d.hub.push('agents', { kind: 'upsert', agent: summary });
    return summary;
  }
}
