/** The Message Transfer Protocols an agent can be reached over (mirrors MtpKind in src/main/mtp). */
export type StoredMtpKind = 'websocket' | 'mqtt' | 'stomp' | 'uds';

/** How to reach an agent over one of our transports; same shape as MtpAddress in src/main/mtp/transport.ts. */
export interface StoredMtpAddress {
  transportId: string;
  kind: StoredMtpKind;
  target: string;
}

export type PresenceState = 'online' | 'offline' | 'unknown';

/** Whether the operator let this agent in (unknown endpoints wait in 'pending'). */
export type ApprovalState = 'pending' | 'approved' | 'rejected';

/** What the controller knows about one agent, as remembered across restarts. */
export interface AgentRecord {
  endpointId: string;
  displayName: string | null;
  addresses: StoredMtpAddress[];
  tags: string[];
  pinned: boolean;
  /** From GetSupportedProtocol or OnBoardRequest, e.g. ['1.0', '1.3']. */
  uspVersions: string[];
  manufacturer: string | null;
  modelName: string | null;
  serialNumber: string | null;
  productClass: string | null;
  oui: string | null;
  softwareVersion: string | null;
  firstSeen: number;
  lastSeen: number;
  presence: PresenceState;
  presenceReason: string | null;
  approval: ApprovalState;
}

/** Fields a caller may set when it learns something about an agent; absent fields keep their stored value. */
export type AgentUpdate = Partial<Omit<AgentRecord, 'endpointId' | 'firstSeen' | 'lastSeen' | 'presence' | 'presenceReason'>> & {
  seenAt?: number;
};

/** One entry of an agent's presence history. */
export interface PresenceChange {
  endpointId: string;
  at: number;
  presence: PresenceState;
  reason: string;
}
