import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MqttBrokerProfile, StompBrokerProfile, WebSocketListenerProfile, WithPassword } from '../../../shared/console-api';
import { startWebHost } from '../../api/hosts/web/web-host';
import { loadServeToken } from '../../api/hosts/web/web-token-file';
import { createApp, type App } from '../../app/create-app';
import { startDemoFleet, type DemoFleet } from '../../app/demo-fleet';
import { DEFAULT_CONTROLLER_ID } from '../../services/settings-service';
import { instanceIdOf } from '../../sim/sim-transports';
import { CliFailure, CliUsageError } from '../framework/cli-errors';
import { defineCommand, type OptionValues } from '../framework/define-command';
import { checkEndpointIdFlag } from '../framework/endpoint-id-flag';
import { EXIT } from '../framework/exit-codes';
import { untilStopped } from '../one-agent/until-stopped';
import { errorText } from './record-io';
import { APP_VERSION, dataOption, usableDataDir } from './store-cli';

const mqttGroup = 'MQTT brokers (the agents must use the same --mqtt-version)';
const stompGroup = 'STOMP brokers';
const tlsGroup = 'TLS (wss:// listeners, mqtts:// and stomps:// brokers; "usp-console certs" makes a bench CA)';

const serveOptions = {
  host: { type: 'string', value: 'HOST', help: 'address the UI is served on', default: '127.0.0.1' },
  port: { type: 'string', value: 'PORT', help: 'port the UI is served on (0 = any free port)', default: '8777' },
  ...dataOption,
  'controller-id': { type: 'string', value: 'EID', help: "the console's Endpoint ID (default: the saved one, else self::usp-console)" },
  'ws-listen': { type: 'string', multiple: true, value: 'HOST:PORT[/PATH]', group: 'WebSocket listeners', help: 'accept agents on ws://HOST:PORT/PATH (default path /usp)' },
  'wss-listen': { type: 'string', multiple: true, value: 'HOST:PORT[/PATH]', group: 'WebSocket listeners', help: "accept agents on wss://HOST:PORT/PATH with the console's certificate" },
  'require-client-cert': { type: 'boolean', group: 'WebSocket listeners', help: 'the --wss-listen listeners refuse agents without a certificate from --ca' },
  ca: { type: 'string', value: 'FILE', group: tlsGroup, help: "CAs trusted for agents' and brokers' certificates (saved in the settings)" },
  cert: { type: 'string', value: 'FILE', group: tlsGroup, help: "the console's own certificate (with --key; saved in the settings)" },
  key: { type: 'string', value: 'FILE', group: tlsGroup, help: 'the private key of --cert' },
  mqtt: { type: 'string', multiple: true, value: 'URL', group: mqttGroup, help: 'a broker to connect to, e.g. mqtt://127.0.0.1:1883' },
  'mqtt-version': { type: 'string', value: '3.1.1|5', group: mqttGroup, help: 'MQTT protocol version', default: '5' },
  'controller-topic': { type: 'string', value: 'TOPIC', group: mqttGroup, help: 'our topic (default usp/controller/ + the end of the Endpoint ID)' },
  'mqtt-client-id': { type: 'string', value: 'ID', group: mqttGroup, help: 'MQTT ClientId' },
  'mqtt-username': { type: 'string', value: 'USER', group: mqttGroup, help: 'MQTT login' },
  'mqtt-password': { type: 'string', value: 'PASS', group: mqttGroup, help: 'MQTT password' },
  stomp: { type: 'string', multiple: true, value: 'URL', group: stompGroup, help: 'a broker to connect to, e.g. stomp://127.0.0.1:61613' },
  'controller-dest': { type: 'string', value: 'DEST', group: stompGroup, help: 'our destination (default /queue/usp.controller. + the end of the Endpoint ID)' },
  'stomp-username': { type: 'string', value: 'USER', group: stompGroup, help: 'STOMP login' },
  'stomp-password': { type: 'string', value: 'PASS', group: stompGroup, help: 'STOMP passcode' },
  demo: { type: 'string', value: 'N', help: 'also start N simulated agents connected to this console', default: '0' },
  'new-token': { type: 'boolean', help: 'make a new access token (the token is kept in the data folder, file serve-token, so a restart keeps open tabs working)' },
  renderer: { type: 'string', value: 'DIR', help: 'serve the UI from DIR instead of the built one' },
} as const;

type Values = OptionValues<typeof serveOptions>;

/** HOST:PORT[/PATH] → a listener profile whose id is its address, so repeating the flag does not duplicate it. */
export function listenerFromFlag(text: string): WebSocketListenerProfile | string {
  const m = /^(\[[^\]]+\]|[^:/]+):(\d{1,5})(\/.*)?$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || port < 0 || port > 65535) return `--ws-listen wants HOST:PORT[/PATH], not "${text}"`;
  const host = m[1]!.replace(/^\[|\]$/g, '');
  const path = m[3] ?? '/usp';
  return { id: `ws-${host}-${port}`, name: `WebSocket ${host}:${port}${path}`, enabled: true, host, port, path };
}

/** --wss-listen: like --ws-listen, served over TLS with the console's certificate (a distinct profile id). */
function secureListenerFromFlag(text: string, requireClientCert: boolean): WebSocketListenerProfile | string {
  const plain = listenerFromFlag(text);
  if (typeof plain === 'string') return plain.replace('--ws-listen', '--wss-listen');
  return {
    ...plain,
    id: `wss-${plain.host}-${plain.port}`,
    name: `Secure WebSocket ${plain.host}:${plain.port}${plain.path}`,
    tls: requireClientCert ? { requireClientCert: true } : {},
  };
}

function mqttFromFlag(url: string, v: Values, controllerId: string): WithPassword<MqttBrokerProfile> | string {
  if (!/^(mqtts?|wss?):\/\/[^/]+/.test(url)) return `--mqtt wants an mqtt://, mqtts://, ws:// or wss:// URL, not "${url}"`;
  const version = v['mqtt-version'];
  if (version !== '5' && version !== '3.1.1') return `--mqtt-version must be 3.1.1 or 5, not ${version ?? ''}`;
  return {
    id: `mqtt-${url}`,
    name: `MQTT ${url}`,
    enabled: true,
    url,
    protocolVersion: version === '5' ? 5 : 4,
    controllerTopic: v['controller-topic'] ?? `usp/controller/${instanceIdOf(controllerId)}`,
    ...(v['mqtt-client-id'] ? { clientId: v['mqtt-client-id'] } : {}),
    ...(v['mqtt-username'] ? { username: v['mqtt-username'] } : {}),
    ...(v['mqtt-password'] !== undefined ? { password: v['mqtt-password'] } : {}),
  };
}

function stompFromFlag(url: string, v: Values, controllerId: string): WithPassword<StompBrokerProfile> | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--stomp wants a stomp://HOST:PORT URL, not "${url}"`;
  }
  if (parsed.protocol !== 'stomp:' && parsed.protocol !== 'stomps:') return `--stomp wants a stomp:// or stomps:// URL, not "${url}"`;
  const username = v['stomp-username'] ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = v['stomp-password'] ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = Number(parsed.port || '61613');
  return {
    id: `stomp-${host}-${port}`,
    name: `STOMP ${host}:${port}`,
    enabled: true,
    host,
    port,
    controllerDestination: v['controller-dest'] ?? `/queue/usp.controller.${instanceIdOf(controllerId)}`,
    ...(parsed.pathname.length > 1 ? { virtualHost: decodeURIComponent(parsed.pathname.slice(1)) } : {}),
    ...(username ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(parsed.protocol === 'stomps:' ? { tls: { rejectUnauthorized: true } } : {}),
  };
}

/** The built renderer next to the built CLI (out/cli → out/renderer), or --renderer DIR. */
function rendererDir(v: Values): string {
  if (v.renderer) return v.renderer;
  return join(fileURLToPath(new URL('.', import.meta.url)), '..', 'renderer');
}

function wholeNumber(text: string | undefined, flag: string, max: number): number | string {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : `${flag} must be a whole number from 0 to ${max}, not "${text ?? ''}"`;
}

/** A listen failure of the UI port as the user should read it: exit 3 with what to do. */
function listenFailure(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new CliFailure(`port ${port} is in use; try --port`, EXIT.unreachable);
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') return new CliFailure(`cannot listen on port ${port}: ${errorText(error)}; try --port or --host`, EXIT.unreachable);
  return error;
}

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'run the controller and serve the console UI to a browser (token-protected)',
  synopsis: `[--host 127.0.0.1] [--port 8777] [--data DIR] [--controller-id EID]
         [--ws-listen HOST:PORT[/PATH]]... [--wss-listen HOST:PORT[/PATH]]... [--require-client-cert]
         [--ca FILE] [--cert FILE --key FILE]
         [--mqtt URL]... [--mqtt-version 3.1.1|5] [--controller-topic TOPIC] [--mqtt-client-id ID]
                         [--mqtt-username USER] [--mqtt-password PASS]
         [--stomp URL]... [--controller-dest DEST] [--stomp-username USER] [--stomp-password PASS]
         [--demo N] [--new-token]`,
  description: `Runs the USP controller and serves the console UI to a browser. Prints
"USP Console ready at http://HOST:PORT/?token=…" on stdout: open that address (the token is needed
once; the browser then keeps a cookie). Listens on 127.0.0.1 unless --host says otherwise.
Listeners and broker profiles given as flags are added to the saved settings (same address =
same profile). --demo N also starts N simulated agents connected to this console over a
WebSocket listener (one on a free port when none is configured). Stops on Ctrl-C or SIGTERM,
closing every connection, and exits 0; a port in use is exit 3.`,
  options: serveOptions,
  async run({ values: v, report }) {
    const port = wholeNumber(v.port, '--port', 65535);
    const demo = wholeNumber(v.demo, '--demo', 10_000);
    const controllerId = checkEndpointIdFlag('--controller-id', v['controller-id'] ?? DEFAULT_CONTROLLER_ID);
    const secure = (v['wss-listen'] ?? []).map((text) => secureListenerFromFlag(text, v['require-client-cert'] === true));
    const listeners = [...(v['ws-listen'] ?? []).map(listenerFromFlag), ...secure];
    if (v['require-client-cert'] === true && secure.length === 0) throw new CliUsageError('--require-client-cert goes with --wss-listen');
    if ((v.cert === undefined) !== (v.key === undefined)) throw new CliUsageError('--cert and --key go together');
    const mqtt = (v.mqtt ?? []).map((url) => mqttFromFlag(url, v, controllerId));
    const stomp = (v.stomp ?? []).map((url) => stompFromFlag(url, v, controllerId));
    for (const problem of [port, demo, ...listeners, ...mqtt, ...stomp]) {
      if (typeof problem === 'string') throw new CliUsageError(problem);
    }
    const dataDir = usableDataDir(v.data);
    const renderer = rendererDir(v);
    if (!existsSync(join(renderer, 'index.html'))) report.warn(`no built UI in ${renderer} (run \`npm run build\`); the API is served anyway`);

    let app: App;
    try {
      app = await createApp({
        dataDir,
        host: 'web',
        appVersion: APP_VERSION,
        ...(v['controller-id'] ? { controllerEndpointId: controllerId } : {}),
        webSocketListeners: listeners as WebSocketListenerProfile[],
        mqttBrokers: mqtt as WithPassword<MqttBrokerProfile>[],
        stompBrokers: stomp as WithPassword<StompBrokerProfile>[],
        certificates: {
          ...(v.ca !== undefined ? { trustedCaFile: resolve(v.ca) } : {}),
          ...(v.cert !== undefined && v.key !== undefined ? { certFile: resolve(v.cert), keyFile: resolve(v.key) } : {}),
        },
      });
    } catch (err) {
      throw new CliFailure(`cannot start: ${errorText(err)}`, EXIT.failed);
    }

    let fleet: DemoFleet | undefined;
    const stop = untilStopped(undefined);
    try {
      const { token } = loadServeToken(dataDir, v['new-token'] === true);
      const host = await startWebHost({
        rendererDir: renderer,
        dispatcher: app.dispatcher,
        host: v.host ?? '127.0.0.1',
        port: port as number,
        token,
        automation: { jobs: app.jobs, listAgents: () => app.api.listAgents(), approveAgent: (id) => app.api.approveAgent(id), version: APP_VERSION },
      }).catch((error: unknown) => {
        throw listenFailure(error, port as number);
      });
      if ((demo as number) > 0) {
        fleet = await startDemoFleet(app, demo as number);
        report.note(`${demo} demo agents connected over ${fleet.url}`);
      }
      report.text(`USP Console ready at ${host.url}`);
      const reason = await stop.stopped;
      report.note(`stopping (${reason})`);
      await fleet?.stop();
      await host.close();
      await app.close();
      return EXIT.ok;
    } catch (err) {
      stop.cancel();
      await fleet?.stop();
      await app.close();
      throw err;
    }
  },
});
