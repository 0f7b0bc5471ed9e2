import type { EventEmitter } from 'node:events';
import type { AgentInfo, PresenceChange } from './agent-registry';
import { AgentUnreachableError } from './errors';
import type { ControllerEvents } from './events';

/**
 * Resolves with the agent once it is online (at once if it already is), e.g. for the CLI waiting
 * for an agent to dial in; rejects with AgentUnreachableError after timeoutMs.
 */
export function waitForAgent(
  controller: EventEmitter<ControllerEvents> & { agent(endpointId: string): AgentInfo | undefined },
  endpointId: string,
  timeoutMs: number,
): Promise<AgentInfo> {
  const now = controller.agent(endpointId);
  if (now?.online) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const onPresence = (change: PresenceChange): void => {
      const info = change.endpointId === endpointId && change.online ? controller.agent(endpointId) : undefined;
      if (!info) return;
      clearTimeout(timer);
      controller.off('presenceChanged', onPresence);
      resolve(info);
    };
    const timer = setTimeout(() => {
      controller.off('presenceChanged', onPresence);
      reject(new AgentUnreachableError(endpointId, `not online within ${timeoutMs} ms`));
    }, timeoutMs);
    controller.on('presenceChanged', onPresence);
  });
}
