import { randomBytes } from 'node:crypto';
import { MqttTransport } from '../mtp/mqtt/mqtt-transport';
import { StompTransport } from '../mtp/stomp/stomp-transport';
import type { MtpAddress, Transport } from '../mtp/transport';
import { UdsServerTransport } from '../mtp/uds/uds-server-transport';
import { WsClientTransport } from '../mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../mtp/websocket/ws-server-transport';
import { receiveFilters } from '../mtp/mqtt/reply-to-topic';
import { DEFAULT_CONTROLLER_ID } from '../services/settings-service';
import { CliUsageError } from './framework/cli-errors';
import type { OptionSpecs } from './framework/define-command';
import { checkEndpointIdFlag } from './framework/endpoint-id-flag';

export { CliUsageError };

export { DEFAULT_CONTROLLER_ID };
const DEFAULT_TIMEOUT_S = 30;

const group = 'agent and transport (exactly one of --mqtt, --stomp, --ws-listen, --ws-connect, --uds)';

/** The flags every one-agent command shares, declared once (their --help comes from here). */
export const TRANSPORT_OPTIONS = {
  agent: { type: 'string', value: 'EID', group, help: "the agent's Endpoint ID (required)" },
  'controller-id': { type: 'string', value: 'EID', group, help: `our Endpoint ID (default ${DEFAULT_CONTROLLER_ID})` },
  timeout: { type: 'string', value: 'SECONDS', group, help: `per request, and for --ws-listen/--uds the wait for the agent (default ${DEFAULT_TIMEOUT_S})` },
  mqtt: { type: 'string', value: 'URL', group, help: 'MQTT broker, e.g. mqtt://127.0.0.1:1883 (needs --agent-topic)' },
  'mqtt-version': { type: 'string', value: '3.1.1|5', group, help: 'MQTT protocol version; the agent must use the same (default 5)' },
  'agent-topic': { type: 'string', value: 'TOPIC', group, help: 'the topic the agent subscribes to' },
  'controller-topic': { type: 'string', value: 'TOPIC', group, help: 'our topic (default usp/controller/ + the end of --controller-id)' },
  'mqtt-username': { type: 'string', value: 'USER', group, aliases: ['username'], help: 'MQTT login (with --mqtt-password)' },
  'mqtt-password': { type: 'string', value: 'PASS', group, aliases: ['password'], help: 'MQTT password' },
  stomp: { type: 'string', value: 'URL', group, help: 'STOMP broker, e.g. stomp://USER:PASS@127.0.0.1:61613 (needs --agent-dest)' },
  'agent-dest': { type: 'string', value: 'DEST', group, help: 'the destination the agent subscribes to' },
  'controller-dest': {
    type: 'string',
    value: 'DEST',
    group,
    help: 'our destination (default /queue/usp.controller.ID); a queue is shared out between its readers, so parallel runs need their own',
  },
  'ws-listen': { type: 'string', value: 'HOST:PORT', group, help: 'wait for the agent to connect to ws://HOST:PORT/usp' },
  'ws-connect': { type: 'string', value: 'URL', group, help: "connect to the agent's WebSocket server, e.g. ws://HOST:PORT/usp" },
  uds: { type: 'string', value: 'PATH', group, help: 'listen on a Unix domain socket for a co-located agent to connect' },
} as const satisfies OptionSpecs;

export type TransportChoice =
  | { kind: 'mqtt'; url: string; version: '3.1.1' | '5'; agentTopic: string; controllerTopic: string; username?: string; password?: string }
  | { kind: 'stomp'; url: string; agentDest: string; controllerDest: string }
  | { kind: 'ws-listen'; host: string; port: number }
  | { kind: 'ws-connect'; url: string }
  | { kind: 'uds'; path: string };

export interface TransportSettings {
  agentId: string;
  controllerId: string;
  timeoutMs: number;
  transport: TransportChoice;
}

type Values = { [K in keyof typeof TRANSPORT_OPTIONS]?: string | undefined };

/** The part of an Endpoint ID used in default topic/destination names (`self::usp-console` → `usp-console`). */
function instanceOf(endpointId: string): string {
  return endpointId.slice(endpointId.lastIndexOf(':') + 1) || 'usp-console';
}

/** Reads and checks the shared flags; throws CliUsageError naming the flag that is wrong or missing. */
export function parseTransportOptions(values: Values): TransportSettings {
  if (!values.agent) throw new CliUsageError('--agent EID is required');
  const agentId = checkEndpointIdFlag('--agent', values.agent);
  const controllerId = checkEndpointIdFlag('--controller-id', values['controller-id'] ?? DEFAULT_CONTROLLER_ID);
  const timeoutS = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new CliUsageError(`--timeout must be a number of seconds > 0, not "${values.timeout ?? ''}"`);
  const chosen = (['mqtt', 'stomp', 'ws-listen', 'ws-connect', 'uds'] as const).filter((k) => values[k] !== undefined);
  if (chosen.length === 0) throw new CliUsageError('give one transport: --mqtt, --stomp, --ws-listen, --ws-connect or --uds');
  if (chosen.length > 1) throw new CliUsageError(`give only one transport, not ${chosen.map((k) => `--${k}`).join(' and ')}`);
  const misplaced = (flags: (keyof Values)[], owner: string): void => {
    const stray = flags.filter((f) => values[f] !== undefined);
    if (stray.length > 0) throw new CliUsageError(`${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'goes' : 'go'} only with ${owner}`);
  };
  const mqttFlags: (keyof Values)[] = ['mqtt-version', 'agent-topic', 'controller-topic', 'mqtt-username', 'mqtt-password'];
  const stompFlags: (keyof Values)[] = ['agent-dest', 'controller-dest'];
  const kind = chosen[0];
  if (kind !== 'mqtt') misplaced(mqttFlags, '--mqtt');
  if (kind !== 'stomp') misplaced(stompFlags, '--stomp');
  return { agentId, controllerId, timeoutMs: Math.max(1, Math.round(timeoutS * 1000)), transport: transportChoice(kind as NonNullable<typeof kind>, values, controllerId) };
}

function transportChoice(kind: 'mqtt' | 'stomp' | 'ws-listen' | 'ws-connect' | 'uds', values: Values, controllerId: string): TransportChoice {
  switch (kind) {
    case 'mqtt': {
      const url = values.mqtt ?? '';
      if (!/^(mqtts?|wss?):\/\/[^/]+/.test(url)) throw new CliUsageError(`--mqtt needs a broker URL such as mqtt://127.0.0.1:1883, not "${url}"`);
      const version = values['mqtt-version'] ?? '5';
      if (version !== '5' && version !== '3.1.1') throw new CliUsageError(`--mqtt-version must be 3.1.1 or 5, not "${version}"`);
      const agentTopic = values['agent-topic'];
      if (!agentTopic) throw new CliUsageError('--mqtt needs --agent-topic TOPIC (the topic the agent subscribes to)');
      const username = values['mqtt-username'];
      const password = values['mqtt-password'];
      if ((username === undefined) !== (password === undefined)) throw new CliUsageError('--mqtt-username and --mqtt-password go together');
      const controllerTopic = values['controller-topic'] ?? `usp/controller/${instanceOf(controllerId)}`;
      if (/[#+]/.test(agentTopic) || /[#+]/.test(controllerTopic)) throw new CliUsageError('MQTT topics here must be exact topics, without + or # wildcards');
      return {
        kind,
        url,
        version,
        agentTopic,
        controllerTopic,
        ...(username !== undefined ? { username } : {}),
        ...(password !== undefined ? { password } : {}),
      };
    }
    case 'stomp': {
      const url = values.stomp ?? '';
      if (!/^stomps?:\/\/[^/]+/.test(url)) throw new CliUsageError(`--stomp needs a URL such as stomp://USER:PASS@127.0.0.1:61613, not "${url}"`);
      const agentDest = values['agent-dest'];
      if (!agentDest) throw new CliUsageError('--stomp needs --agent-dest DEST (the destination the agent subscribes to)');
      return { kind, url, agentDest, controllerDest: values['controller-dest'] ?? `/queue/usp.controller.${instanceOf(controllerId)}` };
    }
    case 'ws-listen': {
      const text = values['ws-listen'] ?? '';
      const match = /^(.*):(\d{1,5})$/.exec(text);
      const port = Number(match?.[2]);
      if (!match || !match[1] || port < 1 || port > 65535) throw new CliUsageError(`--ws-listen needs HOST:PORT such as 127.0.0.1:8080, not "${text}"`);
      return { kind, host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
    }
    case 'ws-connect': {
      const url = values['ws-connect'] ?? '';
      if (!/^wss?:\/\/[^/]+/.test(url)) throw new CliUsageError(`--ws-connect needs a URL such as ws://127.0.0.1:8080/usp, not "${url}"`);
      return { kind, url };
    }
    case 'uds': {
      const path = values.uds ?? '';
      if (path === '') throw new CliUsageError('--uds needs a socket path');
      return { kind, path };
    }
  }
}

/** The controller's transport for the chosen MTP, and how to reach the agent when we can address it first. */
export interface ControllerTransport {
  transport: Transport;
  /** Set when we can send to the agent before hearing from it (broker topic/destination, dialled URL). */
  agentAddress: MtpAddress | null;
  /** Where agents must connect to (listening kinds), for messages. */
  listening: string | null;
}

export function createControllerTransport(settings: TransportSettings): ControllerTransport {
  const t = settings.transport;
  const connectTimeoutMs = Math.min(settings.timeoutMs, 10_000);
  switch (t.kind) {
    case 'mqtt': {
      const transport = new MqttTransport({
        id: 'cli-mqtt',
        url: t.url,
        // One CLI run is one short session: a ClientId of its own keeps parallel runs (a watch and a
        // set with the same --controller-id) from taking each other's session over (R-MQTT.11).
        clientId: t.version === '5' ? '' : `usp-console-${randomBytes(4).toString('hex')}`,
        protocolVersion: t.version === '5' ? 5 : 4,
        subscriptions: receiveFilters(t.controllerTopic, t.version === '5' ? 5 : 4),
        replyTopic: t.controllerTopic,
        endpointId: settings.controllerId,
        connectTimeoutMs,
        ...(t.username !== undefined ? { username: t.username } : {}),
        ...(t.password !== undefined ? { password: t.password } : {}),
      });
      return { transport, agentAddress: transport.addressFor(t.agentTopic), listening: null };
    }
    case 'stomp': {
      const transport = new StompTransport({ id: 'cli-stomp', url: t.url, endpointId: settings.controllerId, destination: t.controllerDest, connectTimeoutMs });
      return { transport, agentAddress: transport.addressFor(t.agentDest), listening: null };
    }
    case 'ws-listen': {
      const transport = new WsServerTransport({ id: 'cli-ws', host: t.host, port: t.port, path: '/usp', endpointId: settings.controllerId });
      return { transport, agentAddress: null, listening: `ws://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}/usp` };
    }
    case 'ws-connect': {
      const transport = new WsClientTransport({ id: 'cli-ws', url: t.url, endpointId: settings.controllerId, handshakeTimeoutMs: connectTimeoutMs });
      return { transport, agentAddress: transport.peerAddress, listening: null };
    }
    case 'uds': {
      const transport = new UdsServerTransport({ id: 'cli-uds', path: t.path, endpointId: settings.controllerId });
      return { transport, agentAddress: null, listening: t.path };
    }
  }
}
