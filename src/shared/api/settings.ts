import type { CertificateSummary } from '../model/tls';

/**
 * Settings saved in the local database. Secrets are write-only through the API: reads return
 * `hasPassword`, writes accept `password` (string sets, null clears, absent keeps).
 */

export interface TlsFiles {
  /** PEM files on the host running main (paths, not content). */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Verify the peer certificate; default true. */
  rejectUnauthorized?: boolean;
  /** Brokers: the name the broker's certificate must carry, when it differs from the URL's host. */
  serverName?: string;
  /** WebSocket listeners only: refuse agents without a client certificate from caFile. */
  requireClientCert?: boolean;
}

/**
 * The console's own certificate and the CAs it trusts: what every TLS listener and broker
 * profile uses unless its own `tls` names other files. null = none (system CAs, no certificate).
 */
export interface CertificateSettings {
  /** PEM bundle of trusted CAs (e.g. the bench CA of `usp-console certs init`). */
  trustedCaFile: string | null;
  /** The console's certificate (its Endpoint ID in the SAN, R-SEC.0a) and key. */
  certFile: string | null;
  keyFile: string | null;
}

/** One certificate file as read now: what it holds, or why it could not be read. */
export interface CertificateFileStatus {
  file: string;
  certificates: CertificateSummary[];
  error: string | null;
}

/** getCertificates(): the files of CertificateSettings, read and summarized. */
export interface CertificateStatus {
  trustedCa: CertificateFileStatus | null;
  console: CertificateFileStatus | null;
}

export interface WebSocketListenerProfile {
  id: string;
  name: string;
  enabled: boolean;
  /** Bind address, e.g. '127.0.0.1' or '0.0.0.0'. */
  host: string;
  port: number;
  /** HTTP path agents connect to, e.g. '/usp'. */
  path: string;
  /** Serve wss:// when certFile and keyFile are given. */
  tls?: TlsFiles;
}

export interface MqttBrokerProfile {
  id: string;
  name: string;
  enabled: boolean;
  /** mqtt://, mqtts://, ws:// or wss:// URL with host and port. */
  url: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  protocolVersion: 4 | 5;
  clientId?: string;
  username?: string;
  hasPassword: boolean;
  /** Topic the controller subscribes to for agent Records (its reply-to topic). */
  controllerTopic: string;
  /** Topic template for sending to agents when the agent did not give a reply-to, '{endpointId}' substituted. */
  agentTopicTemplate?: string;
  tls?: TlsFiles;
}

export interface StompBrokerProfile {
  id: string;
  name: string;
  enabled: boolean;
  host: string;
  port: number;
  /** STOMP 'host' header (virtual host); default '/'. */
  virtualHost?: string;
  username?: string;
  hasPassword: boolean;
  /** Destination the controller subscribes to. */
  controllerDestination: string;
  /** Destination template for agents without a reply-to-dest, '{endpointId}' substituted. */
  agentDestinationTemplate?: string;
  tls?: TlsFiles;
}

/** What happens to an agent that talks to us for the first time. */
export type ApprovalMode =
  /** Accept and manage it at once. */
  | 'auto-approve'
  /** Record it as 'pending'; send it nothing until approved in the UI. */
  | 'hold'
  /** Record it as 'rejected' and ignore its Records. */
  | 'reject';

export interface RetentionSettings {
  /** Keep notifications this many days; 0 = forever. */
  notificationDays: number;
  /** Keep trace Records this many days; 0 = forever. */
  traceDays: number;
  /** Upper bound on stored trace rows (oldest dropped first); 0 = no bound. */
  maxTraceRows: number;
  /** KiB of each Record the trace keeps (its full size and SHA-256 are kept too); default 64. */
  traceRecordKiB: number;
  /** Upper bound on the bytes of Records the trace keeps, MiB (oldest dropped first); 0 = no bound; default 256. */
  maxTraceMiB: number;
}

/** Retention as an update gives it: the trace byte bounds may be left out (they keep their value). */
export type RetentionUpdate = Omit<RetentionSettings, 'traceRecordKiB' | 'maxTraceMiB'> & Partial<Pick<RetentionSettings, 'traceRecordKiB' | 'maxTraceMiB'>>;

export interface ConsoleSettings {
  /** Our own USP Endpoint ID, e.g. 'proto::usp-console'. */
  controllerEndpointId: string;
  webSocketListeners: WebSocketListenerProfile[];
  mqttBrokers: MqttBrokerProfile[];
  stompBrokers: StompBrokerProfile[];
  approvalMode: ApprovalMode;
  retention: RetentionSettings;
  /** Default request timeout, ms. */
  requestTimeoutMs: number;
  certificates: CertificateSettings;
}

/** Write form of a profile: like the read form, with the password instead of hasPassword. */
export type WithPassword<T extends { hasPassword: boolean }> = Omit<T, 'hasPassword'> & {
  password?: string | null;
};

/**
 * Partial update: every top-level field present replaces the stored one (lists are replaced as
 * a whole; a profile id not in the new list is removed; a profile without `password` keeps its
 * stored password).
 */
export interface SettingsUpdate {
  controllerEndpointId?: string;
  webSocketListeners?: WebSocketListenerProfile[];
  mqttBrokers?: WithPassword<MqttBrokerProfile>[];
  stompBrokers?: WithPassword<StompBrokerProfile>[];
  approvalMode?: ApprovalMode;
  retention?: RetentionUpdate;
  requestTimeoutMs?: number;
  certificates?: CertificateSettings;
}
