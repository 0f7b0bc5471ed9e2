import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { MqttBrokerProfile, StompBrokerProfile, WebSocketListenerProfile, WithPassword } from '../../../shared/console-api';
import { startWebHost } from '../../api/web-host';
import { loadServeToken } from '../../api/web-token-file';
import { createApp, type App } from '../../app/create-app';
import { startDemoFleet, type DemoFleet } from '../../app/demo-fleet';
import { DEFAULT_CONTROLLER_ID } from '../../app/settings-service';
import { instanceIdOf } from '../../sim/sim-transports';
import { defaultDataDir } from '../../store/data-dir';
import type { CliCommand } from '../command';
import { errorText, fail } from './record-io';
import { APP_VERSION } from './store-cli';

const USAGE = `usage: usp-console serve [--host 127.0.0.1] [--port 8777] [--data DIR] [--controller-id EID]
         [--ws-listen HOST:PORT[/PATH]]...
         [--mqtt URL]... [--mqtt-version 3.1.1|5] [--controller-topic TOPIC] [--mqtt-client-id ID]
                         [--mqtt-username USER] [--mqtt-password PASS]
         [--stomp URL]... [--controller-dest DEST] [--stomp-username USER] [--stomp-password PASS]
         [--demo N] [--new-token]

Runs the USP controller and serves the console UI to a browser. Prints
"USP Console ready at http://HOST:PORT/?token=…": open that address (the token is needed once;
the browser then keeps a cookie). Listens on 127.0.0.1 unless --host says otherwise.
Listeners and broker profiles given as flags are added to the saved settings (same address =
same profile). --demo N also starts N simulated agents connected to this console over a
WebSocket listener (one on a free port when none is configured). Stops on SIGINT/SIGTERM.
The token is kept in the data folder (file serve-token), so a restart keeps open tabs working;
--new-token makes a new one (tabs opened with the old one must use the new address).`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8777' },
      data: { type: 'string' },
      'controller-id': { type: 'string' },
      'ws-listen': { type: 'string', multiple: true },
      mqtt: { type: 'string', multiple: true },
      'mqtt-version': { type: 'string', default: '5' },
      'controller-topic': { type: 'string' },
      'mqtt-client-id': { type: 'string' },
      'mqtt-username': { type: 'string' },
      'mqtt-password': { type: 'string' },
      stomp: { type: 'string', multiple: true },
      'controller-dest': { type: 'string' },
      'stomp-username': { type: 'string' },
      'stomp-password': { type: 'string' },
      demo: { type: 'string', default: '0' },
      'new-token': { type: 'boolean' },
      renderer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
}

type Values = ReturnType<typeof parse>['values'];

/** HOST:PORT[/PATH] → a listener profile whose id is its address, so repeating the flag does not duplicate it. */
export function listenerFromFlag(text: string): WebSocketListenerProfile | string {
  const m = /^(\[[^\]]+\]|[^:/]+):(\d{1,5})(\/.*)?$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || port < 0 || port > 65535) return `--ws-listen wants HOST:PORT[/PATH], not "${text}"`;
  const host = m[1]!.replace(/^\[|\]$/g, '');
  const path = m[3] ?? '/usp';
  return { id: `ws-${host}-${port}`, name: `WebSocket ${host}:${port}${path}`, enabled: true, host, port, path };
}

function mqttFromFlag(url: string, v: Values, controllerId: string): WithPassword<MqttBrokerProfile> | string {
  if (!/^(mqtts?|wss?):\/\/[^/]+/.test(url)) return `--mqtt wants an mqtt://, mqtts://, ws:// or wss:// URL, not "${url}"`;
  const version = v['mqtt-version'];
  if (version !== '5' && version !== '3.1.1') return `--mqtt-version must be 3.1.1 or 5, not ${version}`;
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

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the controller and serve the console UI to a browser (token-protected)',
  async run(argv) {
    let v: Values;
    try {
      v = parse(argv).values;
    } catch (err) {
      return fail('serve', `${errorText(err)} (see usp-console serve --help)`, 2);
    }
    if (v.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const port = wholeNumber(v.port, '--port', 65535);
    const demo = wholeNumber(v.demo, '--demo', 10_000);
    const controllerId = v['controller-id'] ?? DEFAULT_CONTROLLER_ID;
    const listeners = (v['ws-listen'] ?? []).map(listenerFromFlag);
    const mqtt = (v.mqtt ?? []).map((url) => mqttFromFlag(url, v, controllerId));
    const stomp = (v.stomp ?? []).map((url) => stompFromFlag(url, v, controllerId));
    for (const problem of [port, demo, ...listeners, ...mqtt, ...stomp]) {
      if (typeof problem === 'string') return fail('serve', `${problem} (see usp-console serve --help)`, 2);
    }
    const renderer = rendererDir(v);
    if (!existsSync(join(renderer, 'index.html'))) {
      process.stderr.write(`serve: no built UI in ${renderer} (run \`npm run build\`); the API is served anyway\n`);
    }

    const dataDir = v.data ?? defaultDataDir();
    let app: App;
    try {
      app = await createApp({
        dataDir,
        host: 'web',
        appVersion: APP_VERSION,
        ...(v['controller-id'] ? { controllerEndpointId: v['controller-id'] } : {}),
        webSocketListeners: listeners as WebSocketListenerProfile[],
        mqttBrokers: mqtt as WithPassword<MqttBrokerProfile>[],
        stompBrokers: stomp as WithPassword<StompBrokerProfile>[],
      });
    } catch (err) {
      return fail('serve', `cannot start: ${errorText(err)}`);
    }

    let fleet: DemoFleet | undefined;
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    try {
      const { token } = loadServeToken(dataDir, v['new-token'] === true);
      const host = await startWebHost({ rendererDir: renderer, dispatcher: app.dispatcher, host: v.host ?? '127.0.0.1', port: port as number, token });
      if ((demo as number) > 0) {
        fleet = await startDemoFleet(app, demo as number);
        process.stderr.write(`serve: ${demo} demo agents connected over ${fleet.url}\n`);
      }
      process.stdout.write(`USP Console ready at ${host.url}\n`);
      await stopped;
      await fleet?.stop();
      await host.close();
      await app.close();
      return 0;
    } catch (err) {
      await fleet?.stop();
      await app.close();
      return fail('serve', errorText(err));
    }
  },
};
