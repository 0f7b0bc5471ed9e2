import type {
  AppInfo, CertificateSettings, MqttBrokerProfile, StompBrokerProfile, WebSocketListenerProfile, WithPassword,
} from '../../shared/console-api';
import { consoleApiMethods } from '../../shared/console-api';
import { createApiDispatcher, type ApiDispatcher } from '../api/api-dispatcher';
import { statusOf } from '../services/agent-approval';
import { AgentsService } from '../services/agents-service';
import { BrowseService } from '../services/browse/browse-service';
import { ControllerTrustService } from '../services/controller-trust/controller-trust-service';
import { explainingDenials } from '../services/controller-trust/explaining-requests';
import { E2ESessionSettings } from '../services/e2e-session-settings';
import { ConsoleApiImpl } from '../api/console-api';
import { jobsApi } from '../api/jobs-api';
import { EditService } from '../services/edit-service';
import { SubscriptionKeeper } from '../services/subscription-keeper';
import { MessageTraceService } from '../services/message-trace-service';
import { SnapshotUseCases } from '../services/snapshots/snapshots-use-cases';
import { consoleApiSchemas } from '../api/validation';
import { Controller, type NotificationEvent } from '../controller';
import { JobEngine } from '../services/jobs/job-engine';
import { JobsService } from '../services/jobs/jobs-service';
import { uspAgentPort } from '../services/jobs/usp-agent-port';
import { AgentEventFeed } from '../services/jobs/agent-event-feed';
import { SnapshotService } from '../services/snapshots/snapshot-service';
import { Store } from '../store/store';
import { EventHub } from '../services/event-hub';
import { startOnboarding } from '../services/onboarding';
import { SettingsService, type StoredSettings } from '../services/settings-service';
import { SettingsUseCases } from '../services/settings-use-cases';
import { attachControllerRecorder } from '../services/controller-recorder';
import { TransportManager } from '../services/transport-manager';
import { UspClient } from '../services/usp-client';
import { applyTraceBounds, pruneByAge } from '../services/retention';
import { printable } from '../../shared/endpoint-id';

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
  /** Replaces the saved trusted CA file / console certificate for the fields given. */
  certificates?: Partial<CertificateSettings>;
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
  // Warnings quote what peers sent: control characters are escaped before they reach a terminal.
  const warn = config.warn ?? ((message: string) => process.stderr.write(`usp-console: ${printable(message, 2_000)}\n`));
  // What has started, stopped in reverse order by close() and when the start fails half-way.
  const started: (() => void | Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of started.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        // A failing stop (or warn) must not keep the rest from stopping.
        try {
          warn(`while closing: ${err instanceof Error ? err.message : String(err)}`);
        } catch {
          // nothing more to report to
        }
      }
    }
  };
  const store = Store.open(config.dataDir, {
    appVersion: config.appVersion,
    ...(config.sqliteNativeBinding ? { nativeBinding: config.sqliteNativeBinding } : {}),
  });
  started.push(() => store.close());
  try {
    const settings = new SettingsService(store.settings);
    const stored = settings.update(mergeFlags(settings.stored, config));
    applyTraceBounds(store, stored.retention);

    const hub = new EventHub(config.pushIntervalMs ?? 100);
    started.push(() => hub.close());
    const controller = new Controller({
      endpointId: stored.controllerEndpointId,
      requestTimeoutMs: stored.requestTimeoutMs,
      acceptUnknownAgents: stored.approvalMode === 'auto-approve',
    });
    controller.restoreAgents(
      store.agents.list().map((r) => ({
        endpointId: r.endpointId,
        status: statusOf(r.approval),
        firstSeenAt: r.firstSeen,
        lastSeenAt: r.lastSeen,
        addresses: r.addresses.map((address) => ({ address, lastSeenAt: r.lastSeen })),
        protocolVersions: r.uspVersions.length > 0 ? r.uspVersions : null,
      })),
    );
    const e2eSessions = new E2ESessionSettings(controller, store.settings);
    e2eSessions.restore(store.agents.list().map((r) => r.endpointId));
    controller.on('warning', (w) => warn(w.endpointId ? `${w.endpointId}: ${w.message}` : w.message));
    // The controller closes before the recorder detaches, so what closing reports is still stored.
    started.push(attachControllerRecorder(controller, store, hub, warn), () => controller.close());
    // Every request the console sends through its USP client explains a 7006 (which role lacks what).
    const trust = new ControllerTrustService(controller);
    const requests = explainingDenials(controller, trust);
    const usp = new UspClient(requests, store, hub);
    const transports = new TransportManager(controller, hub);
    started.push(() => transports.stopAll());
    started.push(startOnboarding(controller, store, usp, hub));
    const keeper = new SubscriptionKeeper(controller, hub, store.keptSubscriptions);
    started.push(keeper.start());

    await transports.apply(stored);
    for (const status of transports.status()) if (status.state === 'error') warn(`${status.name}: ${status.detail}`);

    const browse = new BrowseService(controller, store, usp, hub);
    // Bulk jobs resume by themselves after a restart; steps waiting for an agent run when it connects.
    // Firmware steps wait for Boot! and TransferComplete! through the agent's reboot.
    const agentEvents = new AgentEventFeed();
    const onNotification = (event: NotificationEvent): void => agentEvents.push(event.endpointId, event.notification);
    controller.on('notification', onNotification);
    started.push(() => {
      controller.off('notification', onNotification);
    });
    const engine = new JobEngine({ store, port: uspAgentPort(usp, store, (id) => browse.isOnline(id), agentEvents), onProgress: (event) => hub.push('jobs', event) });
    const jobs = new JobsService(store, engine, (endpointId, paths) => usp.get(endpointId, paths).then(() => undefined));
    const onPresence = (change: { endpointId: string; online: boolean }): void => {
      if (change.online) engine.agentOnline(change.endpointId);
    };
    controller.on('presenceChanged', onPresence);
    engine.start();
    started.push(() => {
      controller.off('presenceChanged', onPresence);
      engine.stop();
    });

    const api = new ConsoleApiImpl({
      info: { version: config.appVersion, host: config.host, dataDir: config.dataDir },
      controller,
      hub,
      settings: new SettingsUseCases(settings, transports, store, controller),
      transports,
      agents: new AgentsService(controller, store, hub, browse, keeper),
      browse,
      edit: new EditService(requests, usp, keeper),
      trace: new MessageTraceService(controller, store),
      snapshots: new SnapshotUseCases(store, new SnapshotService(store), usp, hub, (id) => browse.isOnline(id)),
      e2eSessions,
      trust,
      jobs: jobsApi(jobs),
    });

    const dispatcher = createApiDispatcher({
      methods: consoleApiMethods,
      schemas: consoleApiSchemas,
      target: api,
      subscribe: (listener) => hub.onBatch(listener),
    });

    // Retention (settings): old notifications and trace Records are dropped at start and then hourly.
    const prune = (): void => {
      try {
        pruneByAge(store, settings.stored.retention, Date.now());
      } catch (err) {
        warn(`could not apply the retention settings: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    prune();
    const pruneTimer = setInterval(prune, 3_600_000);
    pruneTimer.unref();
    started.push(() => clearInterval(pruneTimer));

    return { api, dispatcher, controller, store, usp, transports, settings, jobs, close: stopAll };
  } catch (err) {
    await stopAll();
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
    ...optional('certificates', config.certificates && Object.keys(config.certificates).length > 0 ? { ...current.certificates, ...config.certificates } : undefined),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
