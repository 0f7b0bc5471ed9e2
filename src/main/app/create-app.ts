import type {
  AppInfo, MqttBrokerProfile, StompBrokerProfile, WebSocketListenerProfile, WithPassword,
} from '../../shared/console-api';
import { consoleApiMethods } from '../../shared/console-api';
import { createApiDispatcher, type ApiDispatcher } from '../api/api-dispatcher';
import { BrowseService } from '../api/browse/browse-service';
import { ConsoleApiImpl } from '../api/console-api';
import { jobsApi } from '../api/jobs-api';
import { EditService } from '../api/edit-service';
import { RecordsService } from '../api/records-service';
import { SnapshotsApi } from '../api/snapshots-api';
import { consoleApiSchemas } from '../api/validation';
import { Controller } from '../controller';
import { JobEngine } from '../services/jobs/job-engine';
import { JobsService } from '../services/jobs/jobs-service';
import { uspAgentPort } from '../services/jobs/usp-agent-port';
import { SnapshotService } from '../services/snapshots/snapshot-service';
import { Store } from '../store/store';
import { EventHub } from './event-hub';
import { startOnboarding } from './onboarding';
import { SettingsService, type StoredSettings } from './settings-service';
import { attachStoreGlue } from './store-glue';
import { TransportManager } from './transport-manager';
import { UspClient } from './usp-client';

export interface AppConfig {
  /** Folder of the SQLite database (Electron: userData; serve/CLI: --data or defaultDataDir()). */
  dataDir: string;
  host: AppInfo['host'];
  appVersion: string;
  /** Saved as our Endpoint ID before the controller starts. */
  controllerEndpointId?: string;
  /** Added to (or replacing, by id) the saved listeners and broker profiles. */
  webSocketListeners?: WebSocketListenerProfile[];
  mqttBrokers?: WithPassword<MqttBrokerProfile>[];
  stompBrokers?: WithPassword<StompBrokerProfile>[];
  /** better-sqlite3 binding built for Electron's ABI (scripts/start-electron.mjs). */
  sqliteNativeBinding?: string;
  /** Interval of batched UI pushes, ms; default 100. */
  pushIntervalMs?: number;
  /** Reports problems that do not stop the app (a transport that failed, a store write that failed). */
  warn?: (message: string) => void;
}

export interface App {
  readonly api: ConsoleApiImpl;
  /** The validated entry point both hosts use. */
  readonly dispatcher: ApiDispatcher;
  readonly controller: Controller;
  readonly store: Store;
  readonly usp: UspClient;
  readonly transports: TransportManager;
  readonly settings: SettingsService;
  /** Bulk jobs: the ConsoleApi, the HTTP automation API and the CLI use this. */
  readonly jobs: JobsService;
  close(): Promise<void>;
}

/**
 * The composition root: store, settings, controller, transports from the saved settings,
 * the glue that persists what the controller learns, the services and the ConsoleApi.
 * Electron, `usp-console serve` and the CLI all start the console through here.
 */
export async function createApp(config: AppConfig): Promise<App> {
  const warn = config.warn ?? ((message: string) => process.stderr.write(`usp-console: ${message}\n`));
  const store = Store.open(config.dataDir, {
    appVersion: config.appVersion,
    ...(config.sqliteNativeBinding ? { nativeBinding: config.sqliteNativeBinding } : {}),
  });
  try {
    const settings = new SettingsService(store.settings);
    const stored = settings.update(mergeFlags(settings.stored, config));
    if (stored.retention.maxTraceRows > 0) store.trace.setLimit(stored.retention.maxTraceRows);

    const hub = new EventHub(config.pushIntervalMs ?? 100);
    const controller = new Controller({
      endpointId: stored.controllerEndpointId,
      requestTimeoutMs: stored.requestTimeoutMs,
      acceptUnknownAgents: stored.approvalMode === 'auto-approve',
    });
    controller.restoreAgents(
      store.agents.list().map((r) => ({
        endpointId: r.endpointId,
        status: r.approval === 'approved' ? 'accepted' : r.approval === 'pending' ? 'held' : 'rejected',
        firstSeenAt: r.firstSeen,
        lastSeenAt: r.lastSeen,
        addresses: r.addresses.map((address) => ({ address, lastSeenAt: r.lastSeen })),
        protocolVersions: r.uspVersions.length > 0 ? r.uspVersions : null,
      })),
    );
    controller.on('warning', (w) => warn(w.endpointId ? `${w.endpointId}: ${w.message}` : w.message));
    const detachGlue = attachStoreGlue(controller, store, hub, warn);
    const usp = new UspClient(controller, store, hub);
    const stopOnboarding = startOnboarding(controller, store, usp, hub, warn);

    const transports = new TransportManager(controller, hub);
    await transports.apply(stored);
    for (const status of transports.status()) if (status.state === 'error') warn(`${status.name}: ${status.detail}`);

    const browse = new BrowseService(controller, store, usp, hub);
    // Bulk jobs resume by themselves after a restart; steps waiting for an agent run when it connects.
    const engine = new JobEngine({ store, port: uspAgentPort(usp, store, (id) => browse.isOnline(id)), onProgress: (event) => hub.push('jobs', event) });
    const jobs = new JobsService(store, engine, (endpointId, paths) => usp.get(endpointId, paths).then(() => undefined));
    const onPresence = (change: { endpointId: string; online: boolean }): void => {
      if (change.online) engine.agentOnline(change.endpointId);
    };
    controller.on('presenceChanged', onPresence);
    engine.start();

    const api = new ConsoleApiImpl({
      info: { version: config.appVersion, host: config.host, dataDir: config.dataDir },
      controller,
      store,
      hub,
      settings,
      transports,
      browse,
      edit: new EditService(controller, usp),
      records: new RecordsService(controller, store),
      snapshots: new SnapshotsApi(store, new SnapshotService(store), usp, hub, (id) => browse.isOnline(id)),
      jobs: jobsApi(jobs),
    });

    const dispatcher = createApiDispatcher({
      methods: consoleApiMethods,
      schemas: consoleApiSchemas,
      target: api,
      subscribe: (listener) => hub.onBatch(listener),
    });

    // Retention (settings): old notifications are dropped at start and then hourly.
    const prune = (): void => {
      const days = settings.stored.retention.notificationDays;
      try {
        if (days > 0) store.pruneNotifications({ maxAgeMs: days * 86_400_000 });
      } catch (err) {
        warn(`could not apply the notification retention: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    prune();
    const pruneTimer = setInterval(prune, 3_600_000);
    pruneTimer.unref();

    let closed = false;
    return {
      api,
      dispatcher,
      controller,
      store,
      usp,
      transports,
      settings,
      jobs,
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(pruneTimer);
        controller.off('presenceChanged', onPresence);
        engine.stop();
        stopOnboarding();
        await transports.stopAll();
        controller.close();
        detachGlue();
        hub.close();
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}

/** Profiles given on the command line join the saved ones; the same id replaces the saved profile. */
function mergeFlags(current: StoredSettings, config: AppConfig) {
  const merge = <T extends { id: string }>(saved: readonly T[], added: readonly T[] | undefined): T[] | undefined =>
    added && added.length > 0 ? [...saved.filter((p) => !added.some((a) => a.id === p.id)), ...added] : undefined;
  return {
    ...(config.controllerEndpointId ? { controllerEndpointId: config.controllerEndpointId } : {}),
    ...optional('webSocketListeners', merge(current.webSocketListeners, config.webSocketListeners)),
    ...optional('mqttBrokers', merge<WithPassword<MqttBrokerProfile>>(current.mqttBrokers, config.mqttBrokers)),
    ...optional('stompBrokers', merge<WithPassword<StompBrokerProfile>>(current.stompBrokers, config.stompBrokers)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
