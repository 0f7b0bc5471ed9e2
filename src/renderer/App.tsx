import { useCallback, useEffect, useState, type JSX } from 'react';
import {
  ActionIcon, Alert, AppShell, Badge, Group, NavLink, Text, Title, Tooltip, useComputedColorScheme, useMantineColorScheme,
} from '@mantine/core';
import type { WebConsoleApi, ConnectionState } from './api/web-client';
import { useApiContext, useConsoleEvent } from './api/api-context';
import { formatRoute, parseRoute, type Route, type ViewName } from './lib/route';
import { AgentsView } from './features/agents/AgentsView';
import { TreeView } from './features/tree/TreeView';
import { FeedView } from './features/feed/FeedView';
import { InspectorView } from './features/inspector/InspectorView';
import { SnapshotsView } from './features/snapshots/SnapshotsView';
import { SettingsView } from './features/settings/SettingsView';
import { JobsView } from './features/jobs/JobsView';
import { ProgressPanel } from './components/ProgressPanel';

const navItems: { view: ViewName; label: string }[] = [
  { view: 'agents', label: 'Agents' },
  { view: 'tree', label: 'Tree' },
  { view: 'feed', label: 'Notifications' },
  { view: 'inspector', label: 'Messages' },
  { view: 'snapshots', label: 'Snapshots' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'settings', label: 'Settings' },
];

function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((r: Route) => {
    window.location.hash = formatRoute(r);
  }, []);
  return [route, go];
}

function useConnectionState(web: WebConsoleApi | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>(web?.connectionState ?? 'open');
  useEffect(() => web?.onConnectionChange(setState), [web]);
  return state;
}

function ColorSchemeToggle(): JSX.Element {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon variant="default" size="lg" aria-label={`Switch to ${next} mode`} data-testid="toggle-color-scheme" onClick={() => setColorScheme(next)}>
        {computed === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

export function App({ web }: { web: WebConsoleApi | null }): JSX.Element {
  const [route, go] = useRoute();
  const { values, agents } = useApiContext();
  const connection = useConnectionState(web);
  const [jobId, setJobId] = useState<string | null>(null);
  // Every pushed value goes into the shared store; rows showing those paths re-render.
  useConsoleEvent('values', (batch) => values.apply(batch, Date.now()));
  // One agents list for every view (issue 8: views no longer fetch and go stale on their own).
  useConsoleEvent('agents', (batch) => agents.apply(batch));

  const open = useCallback((view: ViewName, agentId: string | null = route.agentId, path?: string) => {
    go(path ? { view, agentId, path } : { view, agentId });
  }, [go, route.agentId]);
  const openJob = useCallback((id: string) => {
    setJobId(id);
    go({ view: 'jobs', agentId: route.agentId });
  }, [go, route.agentId]);

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 190, breakpoint: 0 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4}>USP Console</Title>
            {route.agentId && <Badge variant="light" data-testid="current-agent">{route.agentId}</Badge>}
          </Group>
          <Group gap="sm">
            {web && (
              <Badge color={connection === 'open' ? 'green' : connection === 'connecting' ? 'yellow' : 'red'} data-testid="server-connection">
                {connection === 'open' ? 'connected' : connection === 'connecting' ? 'connecting…' : 'disconnected'}
              </Badge>
            )}
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Views">
        {navItems.map((item) => (
          <NavLink
            key={item.view}
            // A button, so the sidebar is reachable with Tab and opens with Enter or Space.
            component="button"
            label={item.label}
            active={route.view === item.view}
            data-testid={`nav-${item.view}`}
            onClick={() => open(item.view)}
          />
        ))}
        <ProgressPanel />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {web && connection === 'closed' && (
          <Alert color="red" mb="xs" title="Not connected to the USP Console server" data-testid="server-disconnected">
            Retrying… If this persists, the server stopped or this browser has no session: open the address printed by
            {' '}<code>usp-console serve</code> (the one with <code>?token=</code>).
          </Alert>
        )}
        {route.view === 'agents' && <AgentsView onOpen={(agentId) => open('tree', agentId)} onJobStarted={openJob} />}
        {route.view === 'tree' && (route.agentId
          ? <TreeView key={route.agentId} agentId={route.agentId} revealPath={route.path ?? null} />
          : <Text c="dimmed">Open an agent from the Agents view to browse its data model.</Text>)}
        {route.view === 'feed' && <FeedView onOpenPath={(agentId, path) => open('tree', agentId, path)} />}
        {route.view === 'inspector' && <InspectorView agentId={route.agentId} />}
        {route.view === 'snapshots' && <SnapshotsView agentId={route.agentId} />}
        {route.view === 'jobs' && <JobsView jobId={jobId} onOpenJob={openJob} />}
        {route.view === 'settings' && <SettingsView />}
      </AppShell.Main>
    </AppShell>
  );
}
