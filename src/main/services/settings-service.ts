import type {
  ConsoleSettings, MqttBrokerProfile, SettingsUpdate, StompBrokerProfile,
} from '../../shared/console-api';

/** A broker profile as saved: the public form plus its secret, which never goes back to the UI. */
export type StoredMqttBroker = Omit<MqttBrokerProfile, 'hasPassword'> & { password: string | null };
export type StoredStompBroker = Omit<StompBrokerProfile, 'hasPassword'> & { password: string | null };

export interface StoredSettings extends Omit<ConsoleSettings, 'mqttBrokers' | 'stompBrokers'> {
  mqttBrokers: StoredMqttBroker[];
  stompBrokers: StoredStompBroker[];
}

/** Where the settings live: a key/value store (the store's settings table). */
export interface SettingsBackend {
  get<T>(key: string, fallback: T): T;
  set(key: string, value: unknown, at: number): void;
}

const KEY = 'console.settings';

/** The same default as `usp-console sim --controller-id`, so simulated agents find us without flags. */
export const DEFAULT_CONTROLLER_ID = 'self::usp-console';

export function defaultSettings(): StoredSettings {
  return {
    controllerEndpointId: DEFAULT_CONTROLLER_ID,
    webSocketListeners: [],
    mqttBrokers: [],
    stompBrokers: [],
    approvalMode: 'auto-approve',
    retention: { notificationDays: 30, traceDays: 7, maxTraceRows: 1_000_000, traceRecordKiB: 64, maxTraceMiB: 256 },
    requestTimeoutMs: 30_000,
    certificates: { trustedCaFile: null, certFile: null, keyFile: null },
  };
}

/**
 * The console's settings, saved in the local database as one JSON document. Passwords are
 * write-only through the API (settings.ts): reads report hasPassword only.
 */
export class SettingsService {
  private current: StoredSettings;

  constructor(
    private readonly backend: SettingsBackend,
    private readonly clock: () => number = Date.now,
  ) {
    const defaults = defaultSettings();
    const saved = backend.get<Partial<StoredSettings>>(KEY, {});
    // Retention fields added since the settings were saved take their defaults.
    this.current = { ...defaults, ...saved, retention: { ...defaults.retention, ...saved.retention } };
  }

  get stored(): StoredSettings {
    return this.current;
  }

  public(): ConsoleSettings {
    const hide = <T extends { password: string | null }>(p: T): Omit<T, 'password'> & { hasPassword: boolean } => {
      const { password, ...rest } = p;
      return { ...rest, hasPassword: password !== null && password !== '' };
    };
    return { ...this.current, mqttBrokers: this.current.mqttBrokers.map(hide), stompBrokers: this.current.stompBrokers.map(hide) };
  }

  /** The settings a (validated) partial update would give, not saved yet; lists replace the stored lists whole. */
  next(update: SettingsUpdate): StoredSettings {
    const next: StoredSettings = { ...this.current };
    if (update.controllerEndpointId !== undefined) next.controllerEndpointId = update.controllerEndpointId;
    if (update.webSocketListeners !== undefined) next.webSocketListeners = update.webSocketListeners;
    if (update.approvalMode !== undefined) next.approvalMode = update.approvalMode;
    if (update.retention !== undefined) next.retention = { ...this.current.retention, ...update.retention };
    if (update.requestTimeoutMs !== undefined) next.requestTimeoutMs = update.requestTimeoutMs;
    if (update.certificates !== undefined) next.certificates = update.certificates;
    if (update.mqttBrokers !== undefined) next.mqttBrokers = update.mqttBrokers.map((p) => withSecret(p, this.current.mqttBrokers));
    if (update.stompBrokers !== undefined) next.stompBrokers = update.stompBrokers.map((p) => withSecret(p, this.current.stompBrokers));
    return next;
  }

  save(next: StoredSettings): StoredSettings {
    this.backend.set(KEY, next, this.clock());
    this.current = next;
    return next;
  }

  /** Applies a (validated) partial update and saves it. */
  update(update: SettingsUpdate): StoredSettings {
    return this.save(this.next(update));
  }
}

/** password absent keeps the stored one, null clears it, a string replaces it. */
function withSecret<P extends { id: string; password?: string | null }>(
  profile: P,
  stored: readonly { id: string; password: string | null }[],
): Omit<P, 'password'> & { password: string | null } {
  const { password, ...rest } = profile;
  const kept = stored.find((s) => s.id === profile.id)?.password ?? null;
  return { ...rest, password: password === undefined ? kept : password };
}
