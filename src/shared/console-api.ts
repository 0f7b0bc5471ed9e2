/**
 * ConsoleApi: the one typed contract between the renderer and the controller.
 *
 * Implemented once in main (src/main/api/console-api.ts) and carried by two hosts:
 * - Electron: the preload exposes `window.consoleApi` (contextBridge), one function per method
 *   in {@link consoleApiMethods} plus `on`. Main answers each call with `{ ok: true, result }`
 *   or `{ ok: false, error: ConsoleApiErrorData }`; the preload rejects with that plain data
 *   (contextBridge keeps only an Error's message) and the renderer wraps `window.consoleApi` in
 *   withConsoleApiErrors (with-console-api-errors.ts), so it sees a ConsoleApiError as on the web.
 * - Headless (`usp-console serve`): one WebSocket at `/api`; see src/renderer/api/web-client.ts
 *   for the exact frame protocol.
 *
 * Rules every implementation follows:
 * - Every method is async. Arguments are positional and plain JSON (see src/shared/api/common.ts);
 *   main validates all of them and rejects bad input with code 'invalid-argument'.
 * - Failures reject with {@link ConsoleApiError} (code, message, uspErrCode?, paramErrors?).
 *   Per-path partial results of USP responses are data in the result, not errors.
 * - Pushes are batched: each event delivers an array, coalesced by the host on an interval
 *   (docs/architecture.md), never one push per USP message.
 */
import type {
  AgentChange, AgentDetail, AgentFilter, AgentSummary, E2ESessionInfo, E2ESessionSetting,
} from './api/agents';
import type {
  GetChildrenOptions, GetSupportedDMOptions, ObjectChildren, RefreshResult, SearchQuery, SearchResult,
  SupportedDMInfo,
} from './api/browse';
import type { Page, SubscribableNotificationType } from './api/common';
import type {
  AddOptions, AddParam, AddResult, DeleteOptions, DeleteResult, OperateOptions, OperateResult, ParamUpdate,
  SetOptions, SetResult, SubscriptionInfo, SubscriptionRequest,
} from './api/edit';
import type { ConsoleApiErrorData } from './api/errors';
import type { AgentGroupInput, AgentGroupWithCount, JobControlAction, JobDetail, JobFileInput, JobPreview, JobProgressEvent, JobReportRow, JobSummary, JobTargets, RollbackPreview, TargetResolution } from './api/jobs';
import type { AgentGroup } from './jobs/groups';
import type { RetrySelection } from './jobs/retry-selection';
import type { ConsoleNote, NotificationQuery, NotificationRecord } from './api/notifications';
import type {
  CaptureSnapshotOptions, DiffOptions, DiffSide, ExportSnapshotOptions, SnapshotDiff, SnapshotExport,
  SnapshotImport, SnapshotSummary,
} from './api/snapshots';
import type { ControllerTrust } from './api/controller-trust';
import type { CertificateStatus, ConsoleSettings, SettingsUpdate } from './api/settings';
import type {
  AppInfo, ProgressUpdate, TransportStatus, TreeInvalidation, ValueUpdate,
} from './api/status';
import type { RawMessageOptions, RawMessageResult, TraceDetail, TraceQuery, TraceRow } from './api/trace';

export * from './api/agents';
export * from './api/browse';
export * from './api/common';
export * from './api/edit';
export * from './api/errors';
export * from './api/jobs';
export * from './api/notifications';
export * from './api/snapshots';
export * from './api/settings';
export * from './api/controller-trust';
export * from './api/status';
export * from './api/trace';

/** Events pushed by the host. Every payload is a batch (array), in arrival order. */
export interface ConsoleEventMap {
  /** Agents appeared, changed (presence, approval, tags, DeviceInfo) or were removed. */
  agents: AgentChange[];
  /** Parameter values learned (Get/Set responses, ValueChange); the cache already holds them. */
  values: ValueUpdate[];
  /** Notifications received and stored (all agents, all types). */
  notifications: NotificationRecord[];
  /** Records sent or received (light rows; fetch details with getTraceRecord). */
  trace: TraceRow[];
  /** Progress of long work (GSDM, snapshot capture/import, diff). */
  progress: ProgressUpdate[];
  /** Listener / broker connection state changes. */
  transports: TransportStatus[];
  /** Cached structure changed under a path (rows added/deleted, schema reloaded). */
  tree: TreeInvalidation[];
  /** Bulk job progress: a job's summary and the steps that changed since its previous event. */
  jobs: JobProgressEvent[];
  /** What the console did on its own about an agent (subscriptions re-created after a reboot). */
  notes: ConsoleNote[];
}

export type ConsoleEventName = keyof ConsoleEventMap;

export const consoleEventNames: readonly ConsoleEventName[] = [
  'agents', 'values', 'notifications', 'trace', 'progress', 'transports', 'tree', 'jobs', 'notes',
];

export type ConsoleEventListener<K extends ConsoleEventName> = (batch: ConsoleEventMap[K]) => void;

/** Stops a listener registered with {@link ConsoleApi.on}. */
export type Unsubscribe = () => void;

export interface ConsoleApi {
  // ----- application -----
  /** Version, host kind, our Endpoint ID, data directory. */
  getAppInfo(): Promise<AppInfo>;
  /** Current state of every configured listener and broker connection. */
  getTransportStatus(): Promise<TransportStatus[]>;

  // ----- agents -----
  /** Agents matching the filter (all when absent), pinned first, then by endpoint id. */
  listAgents(filter?: AgentFilter): Promise<AgentSummary[]>;
  /** One agent with MTPs and cache statistics. Unknown id → 'not-found'. */
  getAgent(agentId: string): Promise<AgentDetail>;
  /** Replaces the agent's tags (trimmed, deduplicated, each 1..64 chars). */
  setAgentTags(agentId: string, tags: string[]): Promise<AgentSummary>;
  setAgentPinned(agentId: string, pinned: boolean): Promise<AgentSummary>;
  /** Accepts an agent held for approval (or previously rejected). */
  approveAgent(agentId: string): Promise<AgentSummary>;
  /** Rejects an agent: its Records are ignored from now on. */
  rejectAgent(agentId: string): Promise<AgentSummary>;
  /** The "use E2E session" setting of an agent and its current session context. */
  getAgentE2ESession(agentId: string): Promise<E2ESessionInfo>;
  /**
   * Turns E2E session contexts on or off for an agent (kept across restarts). maxRecordSize 0 with
   * enabled reads the agent's own MaxUSPRecordSize when it is online; 1..511 → 'invalid-argument'.
   */
  setAgentE2ESession(agentId: string, setting: E2ESessionSetting): Promise<E2ESessionInfo>;
  /**
   * Removes an agent and its cached data (data model, values, notifications, trace); snapshots
   * stay. Takes any stored id, even one that breaks the Endpoint ID grammar. Unknown → 'not-found'.
   * If the agent speaks again it comes back as a new agent (subject to approval).
   */
  forgetAgent(agentId: string): Promise<void>;

  // ----- browse -----
  /**
   * Makes sure the supported data model (GetSupportedDM of 'Device.' with params, commands,
   * events, unique keys) is cached; fetches it when never fetched or `refresh`. Reports
   * 'progress'. Offline agent: returns the cached one (source 'cache'), or 'agent-offline' if none.
   */
  getSupportedDM(agentId: string, options?: GetSupportedDMOptions): Promise<SupportedDMInfo>;
  /**
   * Children of one object path ('Device.' for the root), schema merged with instances and
   * cached values. Works offline from the cache (source 'cache').
   */
  getChildren(agentId: string, objPath: string, options?: GetChildrenOptions): Promise<ObjectChildren>;
  /**
   * Live Get of a path (parameter, object, or search path; max_depth 0 = whole subtree).
   * When the agent is offline, returns cached values under the path with source 'cache'.
   */
  refresh(agentId: string, path: string): Promise<RefreshResult>;
  /** Search the tree by path (wildcards, search expressions, prefixes), value or name. */
  searchTree(agentId: string, query: SearchQuery): Promise<SearchResult>;
  /**
   * Path autocomplete from the cached schema and instances: up to `limit` (default 20) full
   * paths that continue `prefix` by one segment, e.g. 'Device.Wi' → ['Device.WiFi.'].
   */
  completePath(agentId: string, prefix: string, limit?: number): Promise<string[]>;

  // ----- edit -----
  /** Set parameters (grouped per object by the host into one Set). */
  setParameterValues(agentId: string, updates: ParamUpdate[], options?: SetOptions): Promise<SetResult>;
  /** Add a row to a table path (ends with '.'), with parameters (unique keys included). */
  addInstance(agentId: string, objPath: string, params: AddParam[], options?: AddOptions): Promise<AddResult>;
  /** Delete instances (instance paths or search paths). */
  deleteInstances(agentId: string, objPaths: string[], options?: DeleteOptions): Promise<DeleteResult>;
  /**
   * Operate a command path ending in '()' with input args (relative name → value). Async
   * commands are awaited until OperationComplete unless options.awaitCompletion === false.
   */
  operate(agentId: string, command: string, inputArgs: Record<string, string>, options?: OperateOptions): Promise<OperateResult>;
  /** What the agent grants this console, read live: its Controller row, roles and permissions (Device.LocalAgent.ControllerTrust). */
  getControllerTrust(agentId: string): Promise<ControllerTrust>;

  // ----- subscriptions -----
  /** Creates an enabled Device.LocalAgent.Subscription.{i}. for us on the agent. */
  subscribe(agentId: string, request: SubscriptionRequest): Promise<SubscriptionInfo>;
  /** Deletes the subscription with this ID. */
  unsubscribe(agentId: string, subscriptionId: string): Promise<void>;
  /** Subscriptions on the agent whose Recipient is us (live when online, else as last known). */
  listSubscriptions(agentId: string): Promise<SubscriptionInfo[]>;
  /** Convenience for "subscribe to this node": subscription for `notifType` on one path. */
  subscribePath(agentId: string, notifType: SubscribableNotificationType, path: string): Promise<SubscriptionInfo>;

  // ----- notifications -----
  /** Stored notifications, newest first, paged. */
  queryNotifications(query: NotificationQuery): Promise<Page<NotificationRecord>>;

  // ----- message trace / inspector -----
  /** Stored trace rows, newest first, paged. */
  queryTrace(query: TraceQuery): Promise<Page<TraceRow>>;
  /** One Record decoded: record fields, message JSON, hex. */
  getTraceRecord(traceId: number): Promise<TraceDetail>;
  /**
   * Sends any usp.Msg (as JSON: {header: {msg_id, msg_type}, body: {...}}, keep-case field
   * names, enum names as strings) in a no_session_context Record to the agent. Empty/missing
   * msg_id is generated. Invalid JSON shape → 'invalid-argument' with the decoder's message.
   */
  sendRawMessage(agentId: string, message: Record<string, unknown>, options?: RawMessageOptions): Promise<RawMessageResult>;

  // ----- snapshots -----
  /** Snapshots, newest first; of one agent when given. */
  listSnapshots(agentId?: string): Promise<SnapshotSummary[]>;
  /** Full Get of 'Device.' stored as a snapshot (cache copy when offline). Reports 'progress'. */
  captureSnapshot(agentId: string, options?: CaptureSnapshotOptions): Promise<SnapshotSummary>;
  exportSnapshot(snapshotId: string, options?: ExportSnapshotOptions): Promise<SnapshotExport>;
  importSnapshot(file: SnapshotImport): Promise<SnapshotSummary>;
  deleteSnapshot(snapshotId: string): Promise<void>;
  diff(left: DiffSide, right: DiffSide, options?: DiffOptions): Promise<SnapshotDiff>;

  // ----- bulk jobs (docs/jobs.md) -----
  /** The agents a selection (list, filter expression, group) resolves to now, before anything runs. */
  resolveTargets(targets: JobTargets): Promise<TargetResolution>;
  /** Per agent, from the cache (nothing sent): resolved paths, current → new, flags; `refresh` reads online agents first. */
  previewJob(file: JobFileInput, options?: { refresh?: boolean }): Promise<JobPreview>;
  /** Starts a job; progress arrives as 'jobs' events. */
  startJob(file: JobFileInput): Promise<JobSummary>;
  listJobs(): Promise<JobSummary[]>;
  getJob(jobId: string): Promise<JobDetail>;
  controlJob(jobId: string, action: JobControlAction): Promise<JobSummary>;
  /**
   * Queues failed steps again: all, or those matching every criterion of the selection (an error
   * code such as '7004', 'timeout' or 'conflict'; the agent's model and software version; agents).
   */
  retryJob(jobId: string, selection?: RetrySelection): Promise<JobSummary>;
  previewRollback(jobId: string): Promise<RollbackPreview>;
  /** A new job restoring the old values a Set job wrote, or deleting the instances an Add job created. */
  rollbackJob(jobId: string): Promise<JobSummary>;
  getJobReport(jobId: string): Promise<{ job: JobSummary; rows: JobReportRow[] }>;
  exportJobReport(jobId: string, format: 'csv' | 'json'): Promise<string>;
  listGroups(): Promise<AgentGroupWithCount[]>;
  saveGroup(group: AgentGroupInput): Promise<AgentGroup>;
  deleteGroup(name: string): Promise<void>;

  // ----- settings -----
  getSettings(): Promise<ConsoleSettings>;
  /** Applies the update (listeners/brokers restarted as needed) and returns the saved settings. */
  updateSettings(update: SettingsUpdate): Promise<ConsoleSettings>;
  /** The trusted CA bundle and the console's certificate of the settings, read now and summarized. */
  getCertificates(): Promise<CertificateStatus>;

  // ----- events -----
  /** Registers a listener for a pushed event; returns the function that removes it. Not async. */
  on<K extends ConsoleEventName>(event: K, listener: ConsoleEventListener<K>): Unsubscribe;
}

/** Names of the call methods (everything except `on`), for generated IPC / WebSocket plumbing. */
export type ConsoleApiMethod = Exclude<keyof ConsoleApi, 'on'>;

export const consoleApiMethods = [
  'getAppInfo',
  'getTransportStatus',
  'listAgents',
  'getAgent',
  'setAgentTags',
  'setAgentPinned',
  'approveAgent',
  'rejectAgent',
  'getAgentE2ESession',
  'setAgentE2ESession',
  'forgetAgent',
  'getSupportedDM',
  'getChildren',
  'refresh',
  'searchTree',
  'completePath',
  'setParameterValues',
  'addInstance',
  'deleteInstances',
  'operate',
  'getControllerTrust',
  'subscribe',
  'unsubscribe',
  'listSubscriptions',
  'subscribePath',
  'queryNotifications',
  'queryTrace',
  'getTraceRecord',
  'sendRawMessage',
  'listSnapshots',
  'captureSnapshot',
  'exportSnapshot',
  'importSnapshot',
  'deleteSnapshot',
  'diff',
  'resolveTargets',
  'previewJob',
  'startJob',
  'listJobs',
  'getJob',
  'controlJob',
  'retryJob',
  'previewRollback',
  'rollbackJob',
  'getJobReport',
  'exportJobReport',
  'listGroups',
  'saveGroup',
  'deleteGroup',
  'getSettings',
  'updateSettings',
  'getCertificates',
] as const satisfies readonly ConsoleApiMethod[];

/** Compile-time check that consoleApiMethods lists every call method. */
type MissingMethods = Exclude<ConsoleApiMethod, (typeof consoleApiMethods)[number]>;
export const consoleApiMethodsComplete: MissingMethods extends never ? true : MissingMethods = true;

/** Parameters / result of one call, for hosts that dispatch by name. */
export type ConsoleApiParams<M extends ConsoleApiMethod> = Parameters<ConsoleApi[M]>;
export type ConsoleApiResult<M extends ConsoleApiMethod> = Awaited<ReturnType<ConsoleApi[M]>>;

export function isConsoleApiMethod(name: unknown): name is ConsoleApiMethod {
  return typeof name === 'string' && (consoleApiMethods as readonly string[]).includes(name);
}

export function isConsoleEventName(name: unknown): name is ConsoleEventName {
  return typeof name === 'string' && (consoleEventNames as readonly string[]).includes(name);
}

/** Shape main returns per Electron IPC call (the preload unwraps it). */
export type IpcCallResult<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; error: ConsoleApiErrorData };
