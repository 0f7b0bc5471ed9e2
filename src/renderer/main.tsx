import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ConsoleApi } from '../shared/console-api';
import { withConsoleApiErrors } from '../shared/with-console-api-errors';
import { ApiContext } from './api/api-context';
import { apiUrlFor, createWebClient, type WebConsoleApi } from './api/web-client';
import { ValueStore } from './lib/value-store';
import { AgentsStore } from './features/agents/agents-store';
import { NotesStore } from './features/feed/notes-store';
import { App } from './App';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    consoleApi?: ConsoleApi;
  }
}

// Electron gives us the API through the preload; a browser talks to `usp-console serve`.
// Either way a failed call rejects with a ConsoleApiError (the preload can only reject with its data).
const web: WebConsoleApi | null = window.consoleApi ? null : createWebClient(apiUrlFor(window.location));
const api: ConsoleApi = window.consoleApi ? withConsoleApiErrors(window.consoleApi) : web!;
const context = { api, values: new ValueStore(), agents: new AgentsStore(), notes: new NotesStore() };
api.on('notes', (batch) => context.notes.add(batch));
const colorSchemeManager = localStorageColorSchemeManager({ key: 'usp-console-color-scheme' });

createRoot(document.getElementById('root')!).render(
  <MantineProvider defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
    <Notifications position="bottom-right" />
    <ApiContext.Provider value={context}>
      <App web={web} />
    </ApiContext.Provider>
  </MantineProvider>,
);
