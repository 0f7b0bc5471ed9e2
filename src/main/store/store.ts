import type { AgentRecord, AgentUpdate, PresenceChange } from '../../shared/model/agent';
import type { NewAuditEntry, NewNotification, NewTrace } from '../../shared/model/events';
import type { ParamType, SupportedObject } from '../../shared/model/schema';
import type { CachedValue, GetPathData, InstanceRow, InstancesPathData, ValueRow } from '../../shared/model/values';
import { expandPath, type InstanceView } from '../usp/paths';
import { databaseFile } from './data-dir';
import { markCleanShutdown, openDatabase, type Db, type OpenDatabaseOptions } from './db';
import { instancePathsOf, isPlainPath, schemaPathOf } from './path-utils';
import { AgentsRepo } from './repos/agents-repo';
import { AuditRepo } from './repos/audit-repo';
import { CacheRepo } from './repos/cache-repo';
import { GroupsRepo } from './repos/groups-repo';
import { KeptSubscriptionsRepo } from './repos/kept-subscriptions-repo';
import { JobsRepo } from './repos/jobs-repo';
import { NotificationsRepo, type NotificationRetention } from './repos/notifications-repo';
import { OperationsRepo } from './repos/operations-repo';
import { SchemaRepo, type ParamTypeInfo } from './repos/schema-repo';
import { SettingsRepo } from './repos/settings-repo';
import { SnapshotsRepo } from './repos/snapshots-repo';
import { TraceRepo } from './repos/trace-repo';
import { StoreError } from './store-error';
import { USP_ERR_INVALID_PATH } from '../../shared/usp-error-codes';

export interface StoreOptions extends OpenDatabaseOptions {
  /** Message trace rows kept (oldest dropped first); default 100,000. */
  traceLimit?: number;
  /** Bytes of each Record the trace keeps (its full size and hash are kept too); default 64 KiB. */
  traceRecordPrefixBytes?: number;
  /** Bytes of Records the trace keeps in all (oldest dropped first); default 256 MiB. */
  traceMaxBytes?: number;
  /** Notifications kept, applied automatically as they arrive; default: keep everything. */
  notificationRetention?: NotificationRetention;
}

/** An incomplete snapshot older than this lost its writer (a persist takes seconds). */
const STALE_SNAPSHOT_MS = 15 * 60_000;


/**
 * The local store: everything the controller learns lands here, and every offline read is
 * answered from here. Methods take plain data from src/shared/model; the controller glue maps
 * parsed USP messages to them.
 */
export class Store {
  readonly agents: AgentsRepo;
  readonly schema: SchemaRepo;
  readonly cache: CacheRepo;
  readonly notifications: NotificationsRepo;
  readonly trace: TraceRepo;
  readonly operations: OperationsRepo;
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly jobs: JobsRepo;
  readonly groups: GroupsRepo;
  readonly keptSubscriptions: KeptSubscriptionsRepo;
  readonly snapshots: SnapshotsRepo;
  /** Schema version found on disk before migrating (0 = new file). */
  readonly migratedFrom: number;
  /** Copy written before migrating, or null. */
  readonly backupFile: string | null;
  private readonly now: () => number;
  private readonly typeCache = new Map<number, Map<string, ParamTypeInfo>>();

  private constructor(
    readonly db: Db,
    readonly file: string,
    readonly appVersion: string,
    opened: { fromVersion: number; backupFile: string | null },
    options: StoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.migratedFrom = opened.fromVersion;
    this.backupFile = opened.backupFile;
    this.agents = new AgentsRepo(db);
    this.schema = new SchemaRepo(db);
    this.cache = new CacheRepo(db);
    this.notifications = new NotificationsRepo(db, options.notificationRetention, this.now);
    this.trace = new TraceRepo(db, options.traceLimit, { prefixBytes: options.traceRecordPrefixBytes, maxBytes: options.traceMaxBytes });
    this.operations = new OperationsRepo(db);
    this.settings = new SettingsRepo(db);
    this.audit = new AuditRepo(db);
    this.jobs = new JobsRepo(db);
    this.groups = new GroupsRepo(db);
    this.keptSubscriptions = new KeptSubscriptionsRepo(db, (endpointId) => this.agents.ensure(endpointId, this.now()));
    this.snapshots = new SnapshotsRepo(db, this.now);
    this.snapshots.purgeIncomplete(this.now() - STALE_SNAPSHOT_MS);
  }

  /** Opens the store of a data folder (`usp-console.db` inside it). */
  static open(dataDir: string, options: StoreOptions): Store {
    return Store.openFile(databaseFile(dataDir), options);
  }

  static openFile(file: string, options: StoreOptions): Store {
    const opened = openDatabase(file, options);
    return new Store(opened.db, opened.file, options.appVersion, opened, options);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.trace.flush();
      markCleanShutdown(this.db);
    } finally {
      this.db.close();
    }
  }

  // ---- agents

  upsertAgent(endpointId: string, update: AgentUpdate): AgentRecord {
    return this.agents.upsert(endpointId, update, this.now());
  }

  recordPresence(change: PresenceChange): void {
    this.agents.recordPresence(change);
  }

  // ---- what the controller learns

  /**
   * Stores a GetResp. A plain object path read to full depth replaces what we had under it
   * (values that did not come back are gone); a plain path answered 7026 no longer exists.
   */
  recordGetResult(endpointId: string, results: readonly GetPathData[], readAt: number, options: { maxDepth?: number } = {}): void {
    const fullDepth = !options.maxDepth;
    this.db.transaction(() => {
      const agentId = this.agents.ensure(endpointId, readAt);
      for (const r of results) {
        const plainObject = isPlainPath(r.requestedPath) && r.requestedPath.endsWith('.');
        if (r.errCode === USP_ERR_INVALID_PATH && isPlainPath(r.requestedPath)) {
          if (plainObject) this.cache.forgetUnder(agentId, r.requestedPath);
          else this.cache.forgetUnder(agentId, r.requestedPath + '.', true);
          continue;
        }
        if (r.errCode !== 0) continue;
        if (plainObject && fullDepth) this.cache.forgetUnder(agentId, r.requestedPath, true);
        const instances = new Set<string>();
        for (const resolved of r.resolved) {
          for (const p of instancePathsOf(resolved.resolvedPath)) instances.add(p);
          const values: { path: string; value: string }[] = [];
          for (const [rel, value] of Object.entries(resolved.params)) {
            const path = resolved.resolvedPath + rel;
            values.push({ path, value });
            // Pre-1.2 agents put sub-object params in the parent with dotted keys.
            if (rel.includes('.')) for (const p of instancePathsOf(path)) instances.add(p);
          }
          this.cache.putValues(agentId, values, readAt);
        }
        this.cache.putInstances(agentId, [...instances].map((path) => ({ path, uniqueKeys: {} })), readAt);
      }
    })();
  }

  /**
   * Stores a GetInstancesResp. For a plain table path, cached instances the agent no longer
   * lists are forgotten with their subtree (only direct rows when `firstLevelOnly`).
   */
  recordInstances(endpointId: string, results: readonly InstancesPathData[], readAt: number, firstLevelOnly: boolean): void {
    this.db.transaction(() => {
      const agentId = this.agents.ensure(endpointId, readAt);
      for (const r of results) {
        const plain = isPlainPath(r.requestedPath);
        if (r.errCode === USP_ERR_INVALID_PATH && plain) {
          this.cache.forgetUnder(agentId, r.requestedPath);
          continue;
        }
        if (r.errCode !== 0) continue;
        if (plain) {
          const current = new Set(r.instances.map((i) => i.path));
          for (const cached of this.cache.instancesUnder(agentId, r.requestedPath)) {
            const rest = cached.path.slice(r.requestedPath.length);
            const direct = /^\d+\.$/.test(rest);
            if ((direct || !firstLevelOnly) && !current.has(cached.path)) this.cache.forgetInstance(agentId, cached.path);
          }
        }
        this.cache.putInstances(agentId, r.instances, readAt);
        for (const i of r.instances) {
          this.cache.putValues(agentId, Object.entries(i.uniqueKeys).map(([k, value]) => ({ path: i.path + k, value })), readAt);
        }
      }
    })();
  }

  /** Stores GetSupportedDM objects; `complete` = this was the whole model (GSDM of `Device.`). */
  recordSupportedDM(endpointId: string, objects: readonly SupportedObject[], readAt: number, options: { complete?: boolean } = {}): void {
    const agentId = this.agents.ensure(endpointId, readAt);
    this.schema.save(agentId, objects, readAt, options.complete ?? false);
    this.typeCache.delete(agentId);
  }

  /**
   * Forgets an agent and what was learnt from it: its row with presence history, supported data
   * model, instances and values (ON DELETE CASCADE), and its notifications, message trace and
   * operations. Snapshots stay: they are documents the user made. False when it was unknown.
   */
  forgetAgent(endpointId: string): boolean {
    this.trace.flush();
    return this.db.transaction(() => {
      const agentId = this.agents.idOf(endpointId);
      for (const table of ['notification', 'trace', 'operation'] as const) {
        this.db.prepare(`DELETE FROM ${table} WHERE endpoint_id = ?`).run(endpointId);
      }
      if (agentId !== undefined) this.typeCache.delete(agentId);
      return this.agents.delete(endpointId);
    })();
  }

  /** Notify ValueChange. */
  applyValueChange(endpointId: string, paramPath: string, value: string, at: number): void {
    const agentId = this.agents.ensure(endpointId, at);
    this.cache.putValues(agentId, [{ path: paramPath, value }], at);
  }

  /** Notify ObjectCreation: the new instance and its unique keys (which are values too). */
  applyObjectCreation(endpointId: string, objPath: string, uniqueKeys: Record<string, string>, at: number): void {
    this.db.transaction(() => {
      const agentId = this.agents.ensure(endpointId, at);
      this.cache.putInstances(agentId, [...instancePathsOf(objPath).filter((p) => p !== objPath).map((path) => ({ path, uniqueKeys: {} })), { path: objPath, uniqueKeys }], at);
      this.cache.putValues(agentId, Object.entries(uniqueKeys).map(([k, value]) => ({ path: objPath + k, value })), at);
    })();
  }

  /** Notify ObjectDeletion: the instance and everything below it are gone. */
  applyObjectDeletion(endpointId: string, objPath: string, at: number): void {
    const agentId = this.agents.ensure(endpointId, at);
    this.db.transaction(() => this.cache.forgetInstance(agentId, objPath))();
  }

  addNotification(n: NewNotification): number {
    return this.notifications.add(n);
  }

  pruneNotifications(retention: NotificationRetention): number {
    return this.notifications.prune(retention, this.now());
  }

  /** Runs `fn` in one transaction (nested calls become savepoints): many writes, one commit. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  addTrace(t: NewTrace): number {
    return this.trace.add(t);
  }

  addAudit(e: NewAuditEntry): number {
    return this.audit.add(e);
  }

  // ---- offline reads

  /**
   * Cached values addressed by a path: a parameter, an object (its whole subtree) or a search
   * path (wildcards, expressions, reference following) evaluated against the cache. Each value
   * carries its type (when the schema is known) and its age.
   */
  getCachedValues(endpointId: string, pathOrSearchPath: string): CachedValue[] {
    const agentId = this.agents.idOf(endpointId);
    if (agentId === undefined) return [];
    const now = this.now();
    const rows: ValueRow[] = [];
    const seen = new Set<string>();
    const addPath = (path: string): void => {
      const found = path.endsWith('.') ? this.cache.valuesUnder(agentId, path) : [this.cache.value(agentId, path)];
      for (const v of found) {
        if (!v || seen.has(v.path)) continue;
        seen.add(v.path);
        rows.push(v);
      }
    };
    if (isPlainPath(pathOrSearchPath)) addPath(pathOrSearchPath);
    else {
      const expanded = expandPath(pathOrSearchPath, this.instanceView(endpointId));
      if (!expanded.ok) throw new StoreError(`invalid path ${pathOrSearchPath}: ${expanded.error.message}`, 'invalid-input');
      for (const p of expanded.paths) addPath(p);
    }
    const types = this.paramTypes(agentId);
    return rows.map((v) => {
      const type: ParamType | undefined = types.get(schemaPathOf(v.path))?.type;
      return { ...v, ...(type ? { type } : {}), ageMs: now - v.readAt };
    });
  }

  getCachedInstances(endpointId: string, objectPath: string): InstanceRow[] {
    const agentId = this.agents.idOf(endpointId);
    return agentId === undefined ? [] : this.cache.instancesUnder(agentId, objectPath);
  }

  getSupportedDM(endpointId: string, prefix = 'Device.'): SupportedObject[] {
    const agentId = this.agents.idOf(endpointId);
    return agentId === undefined ? [] : this.schema.objects(agentId, prefix);
  }

  /** The cache seen as the path matcher's InstanceView. */
  instanceView(endpointId: string): InstanceView {
    const agentId = this.agents.idOf(endpointId);
    return {
      instances: (tablePath) => (agentId === undefined ? [] : this.cache.instanceNumbers(agentId, tablePath)),
      value: (paramPath) => (agentId === undefined ? undefined : this.cache.value(agentId, paramPath)?.value),
    };
  }

  /** Supported parameter types of an agent by `{i}` path (cached until its schema changes). */
  paramTypes(agentId: number): Map<string, ParamTypeInfo> {
    let types = this.typeCache.get(agentId);
    if (!types) {
      types = this.schema.paramTypes(agentId);
      this.typeCache.set(agentId, types);
    }
    return types;
  }
}
