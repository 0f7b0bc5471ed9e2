/** A WebSocket server we run so agents can connect to us. */
export interface WsListenerProfile {
  kind: 'websocket-listener';
  id: string;
  name: string;
  host: string;
  port: number;
  path: string;
  tls: boolean;
}

export interface MqttBrokerProfile {
  kind: 'mqtt-broker';
  id: string;
  name: string;
  url: string;
  protocolVersion: 4 | 5;
  clientId: string;
  username: string | null;
  password: string | null;
  /** Our own topic, where agents send to us. */
  controllerTopic: string;
}

export interface StompBrokerProfile {
  kind: 'stomp-broker';
  id: string;
  name: string;
  host: string;
  port: number;
  virtualHost: string | null;
  username: string | null;
  password: string | null;
  /** Our own destination, where agents send to us. */
  controllerDestination: string;
  tls: boolean;
}

export type ConnectionProfile = WsListenerProfile | MqttBrokerProfile | StompBrokerProfile;
