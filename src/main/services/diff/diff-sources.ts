import type { SnapshotService } from '../snapshots/snapshot-service';
import { readSnapshotFile, type ReadSnapshotOptions } from '../snapshots/import-snapshot';
import type { DiffInput } from './diff';

/** A stored snapshot as one side of a diff. */
export function snapshotInput(service: SnapshotService, id: number): DiffInput {
  const data = service.load(id);
  return { side: { kind: 'snapshot', ref: String(id), label: data.label, endpointId: data.agent.endpointId }, data };
}

/** An agent's cached state as one side of a diff (agent vs agent, agent vs baseline). */
export function agentInput(service: SnapshotService, endpointId: string): DiffInput {
  const data = service.fromCache(endpointId);
  return { side: { kind: 'agent', ref: endpointId, label: data.label, endpointId }, data };
}

/** A snapshot file (validated like an import) as one side of a diff. */
export async function fileInput(file: string, options?: ReadSnapshotOptions): Promise<DiffInput> {
  const data = await readSnapshotFile(file, options);
  return { side: { kind: 'file', ref: file, label: data.label, endpointId: data.agent.endpointId }, data };
}
