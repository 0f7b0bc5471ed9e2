import type { SnapshotAgent, SnapshotData, SnapshotInstance, SnapshotProgress, SnapshotValue } from '../../../shared/model/snapshot';
import { GetPlanner } from './get-plan';
import type { SnapshotReader } from './snapshot-reader';
import { DEVICE_INFO, identityFields } from '../device-info';

export interface CaptureOptions {
  label?: string;
  appVersion: string;
  /** What the controller already knows about the agent (USP versions etc.); DeviceInfo values win. */
  agent?: Partial<SnapshotAgent>;
  /** Estimated parameters per Get; default 5000. */
  chunkParams?: number;
  onProgress?: (p: SnapshotProgress) => void;
  now?: () => number;
}

/** A path the agent would not give us; the snapshot is still taken without it. */
export interface CaptureFailure {
  path: string;
  errCode: number;
}

export interface CaptureResult {
  data: SnapshotData;
  failures: CaptureFailure[];
}

const ROOT = 'Device.';

function identity(endpointId: string, values: Map<string, string>, known: Partial<SnapshotAgent>): SnapshotAgent {
  return {
    endpointId,
    ...identityFields((param) => values.get(DEVICE_INFO + param), (field) => known[field]),
    uspVersions: known.uspVersions ?? [],
  };
}

/**
 * Reads an agent's whole state: GetSupportedDM, GetInstances and chunked Gets of `Device.`.
 * Returns the data; persisting it is SnapshotService's job, so a capture either lands whole or not at all.
 */
export async function captureSnapshot(reader: SnapshotReader, endpointId: string, options: CaptureOptions): Promise<CaptureResult> {
  const now = options.now ?? Date.now;
  const progress = options.onProgress ?? (() => undefined);
  const failures: CaptureFailure[] = [];

  progress({ phase: 'supportedDM', done: 0, total: 1 });
  const schema = await reader.getSupportedDM([ROOT]);
  progress({ phase: 'supportedDM', done: 1, total: 1 });

  progress({ phase: 'instances', done: 0, total: 1 });
  const instances: SnapshotInstance[] = [];
  for (const r of await reader.getInstances([ROOT])) {
    if (r.errCode !== 0) failures.push({ path: r.requestedPath, errCode: r.errCode });
    for (const i of r.instances) instances.push({ path: i.path, uniqueKeys: i.uniqueKeys });
  }
  progress({ phase: 'instances', done: 1, total: 1 });

  const plans = new GetPlanner(schema, instances.map((i) => i.path)).plan(ROOT, options.chunkParams ?? 5000);
  const values = new Map<string, string>();
  progress({ phase: 'values', done: 0, total: plans.length });
  for (const [n, plan] of plans.entries()) {
    for (const r of await reader.get(plan.paths, plan.maxDepth)) {
      if (r.errCode !== 0) failures.push({ path: r.requestedPath, errCode: r.errCode });
      for (const resolved of r.resolved) for (const [rel, value] of Object.entries(resolved.params)) values.set(resolved.resolvedPath + rel, value);
    }
    progress({ phase: 'values', done: n + 1, total: plans.length });
  }

  const sortedValues: SnapshotValue[] = [...values].map(([path, value]) => ({ path, value })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const capturedAt = now();
  return {
    data: {
      label: options.label ?? `${endpointId} ${new Date(capturedAt).toISOString()}`,
      agent: identity(endpointId, values, options.agent ?? {}),
      capturedAt,
      source: 'capture',
      appVersion: options.appVersion,
      schema,
      instances,
      values: sortedValues,
    },
    failures,
  };
}
