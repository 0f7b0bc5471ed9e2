// A console in its own process (killed with SIGKILL by jobs-restart.test.ts): the app over
// MQTT and the automation API on a free port. Prints `URL <address>` once it is ready, and
// `WARN <message as JSON>` for each warning of the app, which the test collects.
import { startWebHost } from '../../../src/main/api/hosts/web/web-host';
import { createApp } from '../../../src/main/app/create-app';
import { CONTROLLER, CONTROLLER_TOPIC } from './jobs-fleet';

const [dataDir, brokerUrl, token] = process.argv.slice(2) as [string, string, string];
const app = await createApp({
  dataDir,
  host: 'web',
  appVersion: 'test',
  controllerEndpointId: CONTROLLER,
  mqttBrokers: [{ id: 'mqtt', name: 'test', enabled: true, url: brokerUrl, protocolVersion: 5, controllerTopic: CONTROLLER_TOPIC }],
  warn: (message) => process.stdout.write(`WARN ${JSON.stringify(message)}\n`),
});
const host = await startWebHost({
  rendererDir: dataDir,
  dispatcher: app.dispatcher,
  port: 0,
  token,
  automation: { jobs: app.jobs, listAgents: () => app.api.listAgents(), approveAgent: (id) => app.api.approveAgent(id), version: 'test' },
});
process.stdout.write(`URL ${host.url}\n`);
