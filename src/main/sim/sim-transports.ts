import { MqttTransport } from '../mtp/mqtt/mqtt-transport';
import { receiveFilters } from '../mtp/mqtt/reply-to-topic';
import { StompTransport } from '../mtp/stomp/stomp-transport';
import type { TlsFiles } from '../mtp/tls-files';
import type { Transport } from '../mtp/transport';
import { WsClientTransport } from '../mtp/websocket/ws-client-transport';
import type { SimMtp } from './provision';

/** A transport in agent role and the MTP description the agent provisions for it. */
export interface AgentLink {
  transport: Transport;
  mtp: SimMtp;
}

/** The part of an Endpoint ID used in topic and destination names (`proto::sim-7` → `sim-7`). */
export function instanceIdOf(endpointId: string): string {
  return endpointId.slice(endpointId.lastIndexOf(':') + 1);
}

export interface MqttAgentSettings {
  url: string;
  version: '3.1.1' | '5';
  /** The agent's topic is this prefix + its instance id (`usp/agent/` + `sim-7`). */
  agentTopicPrefix: string;
  controllerTopic: string;
  username?: string;
  password?: string;
  /** mqtts://: the CA to trust and the agent's client certificate. */
  tls?: TlsFiles;
}

/** One MQTT client per agent, subscribed to its own topic (3.1.1: `<topic>/#` for reply-to suffixes), as obuspa. */
export function mqttAgentLink(endpointId: string, s: MqttAgentSettings): AgentLink {
  const agentTopic = s.agentTopicPrefix + instanceIdOf(endpointId);
  const transport = new MqttTransport({
    id: `sim-mqtt-${endpointId}`,
    url: s.url,
    clientId: '',
    protocolVersion: s.version === '5' ? 5 : 4,
    subscriptions: receiveFilters(agentTopic, s.version === '5' ? 5 : 4),
    replyTopic: agentTopic,
    endpointId,
    ...(s.username !== undefined ? { username: s.username } : {}),
    ...(s.password !== undefined ? { password: s.password } : {}),
    ...(s.tls !== undefined ? { tls: s.tls } : {}),
  });
  return { transport, mtp: { kind: 'mqtt', controllerTopic: s.controllerTopic, agentTopic, version: s.version } };
}

export interface StompAgentSettings {
  url: string;
  /** The agent's destination is this prefix + its instance id (`/queue/usp.agent.` + `sim-7`). */
  agentDestinationPrefix: string;
  controllerDestination: string;
  virtualHost?: string;
  /** stomps://: the CA to trust and the agent's client certificate. */
  tls?: TlsFiles;
}

export function stompAgentLink(endpointId: string, s: StompAgentSettings): AgentLink {
  const agentDestination = s.agentDestinationPrefix + instanceIdOf(endpointId);
  const transport = new StompTransport({
    id: `sim-stomp-${endpointId}`,
    url: s.url,
    endpointId,
    destination: agentDestination,
    ...(s.virtualHost !== undefined ? { virtualHost: s.virtualHost } : {}),
    ...(s.tls !== undefined ? { tls: s.tls } : {}),
  });
  return { transport, mtp: { kind: 'stomp', controllerDestination: s.controllerDestination, agentDestination } };
}

/** The agent dials the controller's WebSocket server with `?eid=` (obuspa ≥ 8). */
export function websocketAgentLink(endpointId: string, url: string, tls?: TlsFiles): AgentLink {
  return {
    transport: new WsClientTransport({ id: `sim-ws-${endpointId}`, url, endpointId, ...(tls !== undefined ? { tls } : {}) }),
    mtp: { kind: 'websocket', url },
  };
}
