import type {
  AppInfo, ConsoleApi, ConsoleEventListener, ConsoleEventName, E2ESessionInfo, E2ESessionSetting, TransportStatus, Unsubscribe,
} from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import type { Controller } from '../controller';
import type { AgentsService } from '../services/agents-service';
import type { BrowseService } from '../services/browse/browse-service';
import type { ControllerTrustService } from '../services/controller-trust/controller-trust-service';
import type { E2ESessionSettings } from '../services/e2e-session-settings';
import type { EditService } from '../services/edit-service';
import type { EventHub } from '../services/event-hub';
import type { MessageTraceService } from '../services/message-trace-service';
import type { SettingsUseCases } from '../services/settings-use-cases';
import type { SnapshotUseCases } from '../services/snapshots/snapshots-use-cases';
import type { TransportManager } from '../services/transport-manager';
import type { jobsApi } from './jobs-api';

export interface ConsoleApiDeps {
  info: { version: string; host: AppInfo['host']; dataDir: string };
  controller: Controller;
  hub: EventHub;
  agents: AgentsService;
  settings: SettingsUseCases;
  transports: TransportManager;
  browse: BrowseService;
  edit: EditService;
  trace: MessageTraceService;
  snapshots: SnapshotUseCases;
  e2eSessions: E2ESessionSettings;
  trust: ControllerTrustService;
  jobs: ReturnType<typeof jobsApi>;
}

/**
 * The one implementation of ConsoleApi (src/shared/console-api.ts), shared by the Electron
 * IPC host and the headless web bridge. Arguments arrive validated (validation/); failures
 * are thrown as typed errors that the hosts turn into ConsoleApiErrorData (api-errors.ts); the
 * renderer sees a ConsoleApiError in both hosts (shared/with-console-api-errors.ts).
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

  listAgents: ConsoleApi['listAgents'] = async (filter) => this.d.agents.list(filter);
  getAgent: ConsoleApi['getAgent'] = async (agentId) => this.d.agents.get(agentId);
  setAgentTags: ConsoleApi['setAgentTags'] = async (agentId, tags) => this.d.agents.setTags(agentId, tags);
  setAgentPinned: ConsoleApi['setAgentPinned'] = async (agentId, pinned) => this.d.agents.setPinned(agentId, pinned);
  approveAgent: ConsoleApi['approveAgent'] = async (agentId) => this.d.agents.approve(agentId);
  rejectAgent: ConsoleApi['rejectAgent'] = async (agentId) => this.d.agents.reject(agentId);

  async getAgentE2ESession(agentId: string): Promise<E2ESessionInfo> {
    this.d.agents.summary(agentId);
    return this.d.e2eSessions.get(agentId);
  }

  async setAgentE2ESession(agentId: string, setting: E2ESessionSetting): Promise<E2ESessionInfo> {
    this.d.agents.summary(agentId);
    try {
      return await this.d.e2eSessions.set(agentId, setting);
    } catch (error) {
      if (error instanceof RangeError) throw new ConsoleApiError({ code: 'invalid-argument', message: `maxRecordSize: ${error.message}.` });
      throw error;
    }
  }

  forgetAgent: ConsoleApi['forgetAgent'] = async (agentId) => this.d.agents.forget(agentId);

  // ----- browse -----

  getSupportedDM: ConsoleApi['getSupportedDM'] = (agentId, options) => this.d.browse.getSupportedDM(agentId, options);
  getChildren: ConsoleApi['getChildren'] = (agentId, objPath, options) => this.d.browse.getChildren(agentId, objPath, options);
  refresh: ConsoleApi['refresh'] = (agentId, path) => this.d.browse.refresh(agentId, path);
  searchTree: ConsoleApi['searchTree'] = (agentId, query) => this.d.browse.searchTree(agentId, query);
  completePath: ConsoleApi['completePath'] = async (agentId, prefix, limit) => this.d.browse.completePath(agentId, prefix, limit);

  // ----- edit and subscriptions -----

  // A 7006 from the agent says which of its roles lacks which permission (explainingDenials, under the USP client).
  setParameterValues: ConsoleApi['setParameterValues'] = (agentId, updates, options) => this.d.edit.setParameterValues(agentId, updates, options);
  addInstance: ConsoleApi['addInstance'] = (agentId, objPath, params, options) => this.d.edit.addInstance(agentId, objPath, params, options);
  deleteInstances: ConsoleApi['deleteInstances'] = (agentId, objPaths, options) => this.d.edit.deleteInstances(agentId, objPaths, options);
  operate: ConsoleApi['operate'] = (agentId, command, inputArgs, options) => this.d.edit.operate(agentId, command, inputArgs, options);

  getControllerTrust: ConsoleApi['getControllerTrust'] = async (agentId) => {
    this.d.agents.summary(agentId);
    return this.d.trust.read(agentId);
  };
  subscribe: ConsoleApi['subscribe'] = (agentId, request) => this.d.edit.subscribe(agentId, request);
  unsubscribe: ConsoleApi['unsubscribe'] = (agentId, subscriptionId) => this.d.edit.unsubscribe(agentId, subscriptionId);
  listSubscriptions: ConsoleApi['listSubscriptions'] = (agentId) => this.d.edit.listSubscriptions(agentId);
  subscribePath: ConsoleApi['subscribePath'] = (agentId, notifType, path) => this.d.edit.subscribePath(agentId, notifType, path);

  // ----- notifications, trace, raw messages -----

  queryNotifications: ConsoleApi['queryNotifications'] = async (query) => this.d.trace.queryNotifications(query);
  queryTrace: ConsoleApi['queryTrace'] = async (query) => this.d.trace.queryTrace(query);
  getTraceRecord: ConsoleApi['getTraceRecord'] = async (traceId) => this.d.trace.getTraceRecord(traceId);
  sendRawMessage: ConsoleApi['sendRawMessage'] = (agentId, message, options) => this.d.trace.sendRawMessage(agentId, message, options);

  // ----- bulk jobs -----

  resolveTargets: ConsoleApi['resolveTargets'] = (targets) => this.d.jobs.resolveTargets(targets);
  previewJob: ConsoleApi['previewJob'] = (file, options) => this.d.jobs.previewJob(file, options);
  startJob: ConsoleApi['startJob'] = (file) => this.d.jobs.startJob(file);
  listJobs: ConsoleApi['listJobs'] = () => this.d.jobs.listJobs();
  getJob: ConsoleApi['getJob'] = (jobId) => this.d.jobs.getJob(jobId);
  controlJob: ConsoleApi['controlJob'] = (jobId, action) => this.d.jobs.controlJob(jobId, action);
  retryJob: ConsoleApi['retryJob'] = (jobId, selection) => this.d.jobs.retryJob(jobId, selection);
  previewRollback: ConsoleApi['previewRollback'] = (jobId) => this.d.jobs.previewRollback(jobId);
  rollbackJob: ConsoleApi['rollbackJob'] = (jobId) => this.d.jobs.rollbackJob(jobId);
  getJobReport: ConsoleApi['getJobReport'] = (jobId) => this.d.jobs.getJobReport(jobId);
  exportJobReport: ConsoleApi['exportJobReport'] = (jobId, format) => this.d.jobs.exportJobReport(jobId, format);
  listGroups: ConsoleApi['listGroups'] = () => this.d.jobs.listGroups();
  saveGroup: ConsoleApi['saveGroup'] = (group) => this.d.jobs.saveGroup(group);
  deleteGroup: ConsoleApi['deleteGroup'] = (name) => this.d.jobs.deleteGroup(name);

  // ----- snapshots -----

  listSnapshots: ConsoleApi['listSnapshots'] = async (agentId) => this.d.snapshots.listSnapshots(agentId);
  captureSnapshot: ConsoleApi['captureSnapshot'] = (agentId, options) => this.d.snapshots.captureSnapshot(agentId, options);
  exportSnapshot: ConsoleApi['exportSnapshot'] = (snapshotId, options) => this.d.snapshots.exportSnapshot(snapshotId, options);
  importSnapshot: ConsoleApi['importSnapshot'] = async (file) => this.d.snapshots.importSnapshot(file);
  deleteSnapshot: ConsoleApi['deleteSnapshot'] = async (snapshotId) => this.d.snapshots.deleteSnapshot(snapshotId);
  diff: ConsoleApi['diff'] = (left, right, options) => this.d.snapshots.diff(left, right, options);

  // ----- settings -----

  getSettings: ConsoleApi['getSettings'] = async () => this.d.settings.get();
  updateSettings: ConsoleApi['updateSettings'] = (update) => this.d.settings.update(update);

  getCertificates: ConsoleApi['getCertificates'] = () => this.d.settings.certificates();

  // ----- events -----

  on<K extends ConsoleEventName>(event: K, listener: ConsoleEventListener<K>): Unsubscribe {
    return this.d.hub.onBatch((name, batch) => {
      if (name === event) listener(batch as Parameters<ConsoleEventListener<K>>[0]);
    });
  }
}
