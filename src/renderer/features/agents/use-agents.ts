import { useEffect, useSyncExternalStore } from 'react';
import type { AgentSummary } from '../../../shared/console-api';
import { useApiContext } from '../../api/api-context';
import { showError } from '../../lib/notify';

function useLoadedStore(): ReturnType<typeof useApiContext>['agents'] {
  const { api, agents } = useApiContext();
  useEffect(() => {
    agents.load(() => api.listAgents()).catch((e: unknown) => showError(e, 'Loading agents'));
  }, [api, agents]);
  return agents;
}

/** Every known agent, kept current by the `agents` pushes (App feeds the store). */
export function useAgents(): readonly AgentSummary[] {
  const store = useLoadedStore();
  return useSyncExternalStore((cb) => store.subscribe(cb), () => store.agents());
}

/** Endpoint IDs for agent pickers; re-renders only when agents come or go. */
export function useAgentIds(): readonly string[] {
  const store = useLoadedStore();
  return useSyncExternalStore((cb) => store.subscribe(cb), () => store.agentIds());
}
