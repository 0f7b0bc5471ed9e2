import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ConsoleApi, ConsoleEventMap, ConsoleEventName } from '../../shared/console-api';
import { createBatcher, onAnimationFrame, type Schedule } from '../lib/batcher';
import { ValueStore, type LiveValue } from '../lib/value-store';
import type { AgentsStore } from '../features/agents/agents-store';
import type { NotesStore } from '../features/feed/notes-store';

export interface ApiContextValue {
  api: ConsoleApi;
  values: ValueStore;
  agents: AgentsStore;
  notes: NotesStore;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApiContext(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('ApiContext missing');
  return ctx;
}

export function useApi(): ConsoleApi {
  return useApiContext().api;
}

/**
 * Listens to a pushed event; batches arriving within one tick (animation frame by default)
 * are concatenated and handed over once, so bursts cause one state update.
 */
export function useConsoleEvent<K extends ConsoleEventName>(
  event: K,
  handler: (batch: ConsoleEventMap[K]) => void,
  schedule: Schedule = onAnimationFrame,
): void {
  const { api } = useApiContext();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    type Item = ConsoleEventMap[K][number];
    const batcher = createBatcher<Item>((items) => handlerRef.current(items as ConsoleEventMap[K]), schedule);
    const off = api.on(event, (batch) => batcher.push(batch as readonly Item[]));
    return () => {
      off();
      batcher.flush();
      batcher.dispose();
    };
  }, [api, event, schedule]);
}

/** One parameter's live value: re-renders only when this path of this agent changes. */
export function useLiveValue(agentId: string, path: string): LiveValue | undefined {
  const { values } = useApiContext();
  return useSyncExternalStore(
    (cb) => values.subscribe(agentId, path, cb),
    () => values.get(agentId, path),
  );
}
