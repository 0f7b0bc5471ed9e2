import type { AgentUpdate } from '../../shared/model/agent';
import type { Controller, PresenceChange } from '../controller';
import type { Store } from '../store/store';
import { DEVICE_INFO, IDENTITY_PARAMS } from './device-info';
import { toAgentSummary } from './dto';
import type { EventHub } from './event-hub';
import type { UspClient } from './usp-client';


/**
 * Whenever an agent comes online, reads its DeviceInfo so the agent list shows model,
 * firmware and serial number. Failures (an agent without DeviceInfo, a timeout) are
 * warnings: the agent stays usable.
 */
export function startOnboarding(controller: Controller, store: Store, usp: UspClient, hub: EventHub, warn: (message: string) => void): () => void {
  const onPresence = (change: PresenceChange): void => {
    if (!change.online) return;
    const agentId = change.endpointId;
    usp
      .get(agentId, [DEVICE_INFO], { maxDepth: 1 })
      .then((result) => {
        const update: AgentUpdate = {};
        for (const r of result.requestedPaths) {
          for (const o of r.resolved) {
            if (o.path !== DEVICE_INFO) continue;
            for (const [field, param] of Object.entries(IDENTITY_PARAMS)) {
              const value = o.params[param];
              if (value !== undefined) (update as Record<string, unknown>)[field] = value;
            }
          }
        }
        if (Object.keys(update).length === 0) return;
        const record = store.upsertAgent(agentId, update);
        hub.push('agents', { kind: 'upsert', agent: toAgentSummary(record, controller.agent(agentId)) });
      })
      .catch((err: unknown) => warn(`${agentId}: could not read ${DEVICE_INFO}: ${err instanceof Error ? err.message : String(err)}`));
  };
  controller.on('presenceChanged', onPresence);
  return () => controller.off('presenceChanged', onPresence);
}
