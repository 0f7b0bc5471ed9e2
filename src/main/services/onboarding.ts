import type { AgentUpdate } from '../../shared/model/agent';
import { AgentUnreachableError, RequestTimeoutError, type AgentInfo, type Controller, type PresenceChange } from '../controller';
import type { Store } from '../store/store';
import { DEVICE_INFO, IDENTITY_PARAMS } from './device-info';
import { DeviceInfoReads, type DeviceInfoReadsOptions } from './device-info-reads';
import { toAgentSummary } from './dto';
import type { EventHub } from './event-hub';
import type { UspClient } from './usp-client';

/**
 * Whenever an agent comes online, or is approved after being held, reads its DeviceInfo so the
 * agent list shows model, firmware and serial number. Reads go through a bounded queue
 * (device-info-reads.ts): timeouts are retried with back-off, and a read that fails for good is a
 * warning on the agent and in the log; the agent stays usable.
 */
export function startOnboarding(controller: Controller, store: Store, usp: UspClient, hub: EventHub, options: DeviceInfoReadsOptions = {}): () => void {
  const readDeviceInfo = async (agentId: string): Promise<void> => {
    const result = await usp.get(agentId, [DEVICE_INFO], { maxDepth: 1 });
    const failed = result.requestedPaths.find((r) => r.errCode !== 0);
    if (failed) throw new Error(`${failed.errCode} ${failed.errMsg}`.trim());
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
    hub.push('agents', { kind: 'upsert', agent: toAgentSummary(record, controller.agent(agentId), (a) => controller.describeAddress(a)) });
  };
  const reads = new DeviceInfoReads(
    {
      read: readDeviceInfo,
      wanted: (agentId) => controller.agent(agentId)?.status === 'accepted',
      retryable: (error) => error instanceof RequestTimeoutError || error instanceof AgentUnreachableError,
      failed: (agentId, message) => controller.warnAgent(agentId, message),
    },
    options,
  );
  const onPresence = (change: PresenceChange): void => {
    if (change.online) reads.request(change.endpointId);
  };
  // A held agent is online but was sent nothing: read it the moment it is approved.
  const held = new Set(store.agents.list().filter((r) => r.approval === 'pending').map((r) => r.endpointId));
  const onHeld = (agent: AgentInfo): void => void held.add(agent.endpointId);
  const onUpdated = (agent: AgentInfo): void => {
    if (agent.status === 'held') held.add(agent.endpointId);
    else if (held.delete(agent.endpointId) && agent.status === 'accepted' && controller.agent(agent.endpointId)?.online) reads.request(agent.endpointId);
  };
  controller.on('presenceChanged', onPresence);
  controller.on('agentHeld', onHeld);
  controller.on('agentUpdated', onUpdated);
  return () => {
    controller.off('presenceChanged', onPresence);
    controller.off('agentHeld', onHeld);
    controller.off('agentUpdated', onUpdated);
    reads.close();
  };
}
