import type { TlsLinkState } from '../model/tls';
import type { MtpKind } from './common';

/**
 * Presence is taken from the transport (an agent is never shown online once it is gone).
 * 'online' only while a connection/subscription that can reach it is really up.
 */
export type AgentPresence = 'online' | 'offline' | 'unknown';

/** Approval state of an agent (settings.approval decides what happens to unknown agents). */
export type AgentApproval = 'approved' | 'pending' | 'rejected';

export interface AgentSummary {
  /** USP Endpoint ID, e.g. 'proto::sim-0001' or 'os::012345-ABC-1'. The agent's id everywhere in the API. */
  agentId: string;
  presence: AgentPresence;
  /**
   * Plain-language reason for the presence, e.g. 'WebSocket connected from 127.0.0.1:52100',
   * 'WebSocket closed (1006) 5 min ago', 'MQTT broker lab-mosquitto disconnected'.
   */
  presenceReason: string;
  /** When presence last changed. */
  presenceSince: number | null;
  approval: AgentApproval;
  /** MTP the agent was last reached over, null if never. */
  mtp: MtpKind | null;
  /** The reply address in words for people (never a connection id): "WebSocket from 127.0.0.1", "MQTT broker "lab" at host:1883, topic T". */
  mtpAddress: string | null;
  /** Broker/listener profile id this agent is reached through, when known. */
  mtpProfileId: string | null;
  /** Device.DeviceInfo.ModelName, null until read. */
  model: string | null;
  /** Device.DeviceInfo.Manufacturer. */
  manufacturer: string | null;
  /** Device.DeviceInfo.SoftwareVersion. */
  firmware: string | null;
  /** Device.DeviceInfo.SerialNumber (or OnBoardRequest serial_number). */
  serialNumber: string | null;
  /** OnBoardRequest / DeviceInfo ManufacturerOUI and ProductClass. */
  oui: string | null;
  productClass: string | null;
  /** Agent's supported USP versions ('1.0,1.1,1.2,1.3'), from GetSupportedProtocol or OnBoardRequest. */
  protocolVersions: string | null;
  firstSeen: number;
  /** Last Record received from it. */
  lastSeen: number | null;
  tags: string[];
  pinned: boolean;
  /**
   * Trust events on this agent in this session, newest first (at most 10): a refused takeover of
   * its connection, a Record with another agent's from_id on it, a change of its reply topic.
   */
  warnings?: AgentWarningInfo[];
}

export interface AgentWarningInfo {
  at: number;
  message: string;
}

export interface AgentMtpInfo {
  mtp: MtpKind;
  /** The transport's address: a connection id, topic, destination or URL. */
  address: string;
  /** The address in words for people: "WebSocket from 127.0.0.1", "MQTT broker "lab" at host:1883, topic T". */
  label: string;
  profileId: string | null;
  connected: boolean;
  lastSeen: number | null;
  /** TLS state of this link as of the agent's last Record over it; null on a plain link or when unknown. */
  tls: TlsLinkState | null;
}

export interface AgentDetail extends AgentSummary {
  /** Every MTP the agent has been seen on. */
  mtps: AgentMtpInfo[];
  /** What the store holds for this agent. */
  cache: {
    /** When the supported DM was last fetched (null = never). */
    schemaFetchedAt: number | null;
    objectCount: number;
    paramCount: number;
    /** Oldest / newest readAt among cached values. */
    oldestValueAt: number | null;
    newestValueAt: number | null;
  };
  /** The last Record refused because the link's certificate does not name its from_id (R-SEC.10a). */
  certificateRefusal: { at: number; transportId: string; reason: string } | null;
}

export interface AgentFilter {
  /** Case-insensitive substring over endpoint id, model, firmware, serial, tags, mtp address. */
  text?: string;
  presence?: AgentPresence[];
  approval?: AgentApproval[];
  mtp?: MtpKind[];
  /** Agents carrying all of these tags. */
  tags?: string[];
  pinnedOnly?: boolean;
}

/** Pushed on the 'agents' event. */
export type AgentChange =
  | { kind: 'upsert'; agent: AgentSummary }
  | { kind: 'removed'; agentId: string };

/** The per-agent "use E2E session" setting: Msgs to the agent travel in a session context. */
export interface E2ESessionSetting {
  enabled: boolean;
  /** The agent's Device.LocalAgent.Controller.{i}.E2ESession.MaxUSPRecordSize: larger Msgs are segmented; 0 = no limit, else >= 512. */
  maxRecordSize: number;
}

/** The setting and the live state of the session context with one agent. */
export interface E2ESessionInfo extends E2ESessionSetting {
  /** session_id of the current context; null when none (also when the agent started one and it ended). */
  sessionId: number | null;
  /** Set when the agent refused contexts (DisconnectRecord 7106); the setting is then turned off. */
  refused: string | null;
}
