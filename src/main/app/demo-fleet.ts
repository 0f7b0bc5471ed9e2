import { SimFleet } from '../sim/sim-fleet';
import { websocketAgentLink } from '../sim/sim-transports';
import type { App } from './create-app';

export interface DemoFleet {
  readonly fleet: SimFleet;
  /** The URL the simulated agents dial. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * `--demo N`: N simulated agents (the built-in home gateway) connected to this console over
 * one of its WebSocket listeners, or over a listener opened on a free port for this run, so
 * a newcomer sees a working console at once.
 */
export async function startDemoFleet(app: App, count: number): Promise<DemoFleet> {
  const saved = app.settings.stored.webSocketListeners.find((l) => l.enabled && !l.tls?.certFile && app.transports.webSocketListener(l.id));
  const listener = saved
    ? app.transports.webSocketListener(saved.id)!
    : await app.transports.startEphemeralListener(
        { id: 'demo-listener', name: 'Demo agents listener', host: '127.0.0.1', port: 0, path: '/usp' },
        app.controller.endpointId,
      );
  const host = saved && saved.host !== '0.0.0.0' && saved.host !== '::' ? saved.host : '127.0.0.1';
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${listener.port}${saved?.path ?? '/usp'}`;
  const fleet = new SimFleet({
    count,
    idPrefix: 'proto::demo-agent-',
    controllerId: app.controller.endpointId,
    link: (endpointId) => websocketAgentLink(endpointId, url),
  });
  await fleet.start();
  return { fleet, url, stop: () => fleet.stop() };
}
