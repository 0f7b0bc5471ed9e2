import type { SupportedObject } from './schema';

/** Who a snapshot is of: the identity fields of the agent when it was taken. */
export interface SnapshotAgent {
  endpointId: string;
  manufacturer: string | null;
  modelName: string | null;
  serialNumber: string | null;
  productClass: string | null;
  oui: string | null;
  softwareVersion: string | null;
  uspVersions: string[];
}

/** 'capture' = read from the live agent, 'cache' = built from the local cache (agent offline), 'import' = from a file. */
export type SnapshotSource = 'capture' | 'cache' | 'import';

export interface SnapshotMeta {
  id: number;
  label: string;
  agent: SnapshotAgent;
  capturedAt: number;
  source: SnapshotSource;
  /** The app version that captured it (or that wrote the imported file). */
  appVersion: string;
  objectCount: number;
  instanceCount: number;
  paramCount: number;
  /** True when the snapshot came from a redacted export: redacted values are unknown, not empty. */
  hasRedactedValues: boolean;
  /** The operator's note given at capture, if any. */
  note: string | null;
}

export interface SnapshotInstance {
  path: string;
  uniqueKeys: Record<string, string>;
}

/** One parameter value of a snapshot; `redacted` values were withheld by the export that produced them. */
export interface SnapshotValue {
  path: string;
  value: string;
  redacted?: boolean;
}

/** A whole snapshot in memory (capture result before it is persisted, or an import being validated). */
export interface SnapshotData {
  label: string;
  agent: SnapshotAgent;
  capturedAt: number;
  source: SnapshotSource;
  appVersion: string;
  /** The operator's note given at capture (not part of the snapshot file format). */
  note?: string;
  schema: SupportedObject[];
  instances: SnapshotInstance[];
  values: SnapshotValue[];
}

export type SnapshotPhase = 'supportedDM' | 'instances' | 'values' | 'persist';

/** Progress of a long snapshot job (capture, export, import), for progress bars. */
export interface SnapshotProgress {
  phase: SnapshotPhase | 'export' | 'import';
  done: number;
  total: number;
}
