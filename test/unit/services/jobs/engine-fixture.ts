// One job engine over a fleet of scripted agents on a fake clock, for the engine's unit tests.

import { JobEngine } from '../../../../src/main/services/jobs/job-engine';
import type { Store } from '../../../../src/main/store/store';
import { jobFileSchema, type JobFileInput } from '../../../../src/shared/jobs/job-file';
import type { JobProgressEvent, PathValues } from '../../../../src/shared/jobs/job-model';
import { fleetStore, type FleetAgent } from './fleet-store';
import { FakeClock, ScriptedAgents } from './scripted-agents';

export const CH = 'Device.WiFi.Radio.1.Channel';

/**
 * `n` agents (a000, a001…) with CH at 6; `create()` starts the set job on all of them, each
 * step expecting CH at 6; `restart()` is a second engine on the same store, started.
 */
export async function setup(
  n: number,
  options: JobFileInput['options'] = {},
  operation: JobFileInput['operation'] = { kind: 'set', params: { [CH]: 11 } },
  facts: (i: number) => Omit<FleetAgent, 'endpointId'> = () => ({}),
) {
  const ids = Array.from({ length: n }, (_, i) => `a${String(i).padStart(3, '0')}`);
  const store = await fleetStore(ids.map((endpointId, i) => ({ endpointId, ...facts(i) })));
  const agents = new ScriptedAgents();
  for (const id of ids) agents.agent(id, { [CH]: '6' });
  const clock = new FakeClock();
  const events: JobProgressEvent[] = [];
  let next = 0;
  const engine = new JobEngine({ store, port: agents, clock, onProgress: (e) => events.push(e), newId: () => `job-${++next}` });
  const file = (op: JobFileInput['operation'] = operation, opts: JobFileInput['options'] = options) => jobFileSchema.parse({ name: 'ch', targets: { agents: ids }, operation: op, options: opts });
  const create = (expected: PathValues | null = { [CH]: '6' }) => engine.create(file(), ids.map((endpointId) => ({ endpointId, expected })));
  const restart = () => {
    const again = new JobEngine({ store, port: agents, clock, onProgress: (e) => events.push(e) });
    again.start();
    return again;
  };
  return { ids, store, agents, clock, engine, events, create, file, restart };
}

/** The states of a job's steps, in order. */
export const states = (store: Store, id: string) => store.jobs.steps(id).map((s) => s.state);
