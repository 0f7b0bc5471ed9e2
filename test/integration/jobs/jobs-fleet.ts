import { createApp, type App } from '../../../src/main/app/create-app';
import { SimFleet, type SimFleetOptions } from '../../../src/main/sim/sim-fleet';
import { mqttAgentLink } from '../../../src/main/sim/sim-transports';
import { tempDir, waitUntil, type MosquittoBroker } from '../../helpers';

export const CONTROLLER = 'self::jobs-console';
export const CONTROLLER_TOPIC = 'usp/controller/jobs-console';

/** A console (the real app graph, its own data folder) on a private Mosquitto; its warnings go to `warn` (collectWarnings). */
export async function startConsole(broker: MosquittoBroker, warn: (message: string) => void, dataDir?: string): Promise<App> {
  return createApp({
    dataDir: dataDir ?? (await tempDir()),
    host: 'web',
    appVersion: 'test',
    controllerEndpointId: CONTROLLER,
    mqttBrokers: [{ id: 'mqtt', name: 'test', enabled: true, url: broker.url, protocolVersion: 5, controllerTopic: CONTROLLER_TOPIC }],
    warn,
  });
}

/** Simulated home gateways over the same broker, all seen online by the console; `extra` adds fleet options (faults, agent options). */
export async function startAgents(broker: MosquittoBroker, app: App, count: number, prefix: string, extra: Partial<SimFleetOptions> = {}): Promise<SimFleet> {
  const fleet = new SimFleet({
    count,
    idPrefix: prefix,
    controllerId: CONTROLLER,
    link: (id) => mqttAgentLink(id, { url: broker.url, version: '5', agentTopicPrefix: 'usp/agent/', controllerTopic: CONTROLLER_TOPIC }),
    ...extra,
    agent: { tickMs: 0, ...extra.agent },
  });
  await fleet.start();
  await waitUntil(() => fleet.agents.every((a) => app.controller.agent(a.endpointId)?.online === true), `${count} agents online`, 30_000);
  return fleet;
}
