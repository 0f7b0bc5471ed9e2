import type {
  ConsoleSettings, MqttBrokerProfile, SettingsUpdate, StompBrokerProfile, WebSocketListenerProfile, WithPassword,
} from '../../../shared/console-api';

/** A broker profile as edited: `password` undefined = keep the stored one, null = clear it. */
export type EditableBroker<T extends { hasPassword: boolean }> = T & { password?: string | null };

export interface SettingsDraft extends Omit<ConsoleSettings, 'mqttBrokers' | 'stompBrokers'> {
  mqttBrokers: EditableBroker<MqttBrokerProfile>[];
  stompBrokers: EditableBroker<StompBrokerProfile>[];
}

export function toDraft(s: ConsoleSettings): SettingsDraft {
  return structuredClone(s);
}

function withoutHasPassword<T extends { hasPassword: boolean }>(p: EditableBroker<T>): WithPassword<T> {
  const { hasPassword, password, ...rest } = p;
  void hasPassword;
  return (password === undefined ? rest : { ...rest, password }) as WithPassword<T>;
}

/** The update to send: whole lists replaced; passwords only when the user typed or cleared one. */
export function toSettingsUpdate(d: SettingsDraft): SettingsUpdate {
  return {
    controllerEndpointId: d.controllerEndpointId.trim(),
    webSocketListeners: d.webSocketListeners,
    mqttBrokers: d.mqttBrokers.map(withoutHasPassword),
    stompBrokers: d.stompBrokers.map(withoutHasPassword),
    approvalMode: d.approvalMode,
    retention: d.retention,
    requestTimeoutMs: d.requestTimeoutMs,
    certificates: d.certificates,
  };
}

/** Problems the user can fix before saving (main validates again). */
export function draftProblems(d: SettingsDraft): string[] {
  const out: string[] = [];
  if (!/^[^:\s]+::\S+$/.test(d.controllerEndpointId.trim())) out.push('Endpoint ID must look like authority-scheme::id, e.g. proto::usp-console.');
  if ((d.certificates.certFile === null) !== (d.certificates.keyFile === null)) out.push('The console certificate needs both a certificate file and a key file.');
  if (!Number.isInteger(d.retention.traceRecordKiB) || d.retention.traceRecordKiB < 1 || d.retention.traceRecordKiB > 16_384) out.push('Each message keeps 1 to 16384 KiB in the trace.');
  if (!Number.isInteger(d.retention.maxTraceMiB) || d.retention.maxTraceMiB < 0 || d.retention.maxTraceMiB > 1_048_576) out.push('Max stored message bytes must be 0 (no limit) to 1048576 MiB.');
  const ids = [...d.webSocketListeners, ...d.mqttBrokers, ...d.stompBrokers].map((p) => p.id);
  if (new Set(ids).size !== ids.length) out.push('Profile ids must be unique.');
  for (const l of d.webSocketListeners) {
    if (!Number.isInteger(l.port) || l.port < 1 || l.port > 65535) out.push(`Listener ${l.name}: port must be 1-65535.`);
    if (!l.path.startsWith('/')) out.push(`Listener ${l.name}: path must start with /.`);
  }
  for (const m of d.mqttBrokers) {
    if (!/^(mqtts?|wss?):\/\/[^/]+/.test(m.url)) out.push(`MQTT ${m.name}: URL must start with mqtt://, mqtts://, ws:// or wss://.`);
    if (m.controllerTopic.trim() === '') out.push(`MQTT ${m.name}: the controller topic is required.`);
  }
  for (const s of d.stompBrokers) {
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) out.push(`STOMP ${s.name}: port must be 1-65535.`);
    if (s.controllerDestination.trim() === '') out.push(`STOMP ${s.name}: the controller destination is required.`);
  }
  return out;
}

let counter = 0;
function newId(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

export function newListener(): WebSocketListenerProfile {
  return { id: newId('ws'), name: 'WebSocket listener', enabled: true, host: '127.0.0.1', port: 8080, path: '/usp' };
}

export function newMqttBroker(): EditableBroker<MqttBrokerProfile> {
  return {
    id: newId('mqtt'), name: 'MQTT broker', enabled: true, url: 'mqtt://127.0.0.1:1883', protocolVersion: 5, hasPassword: false,
    controllerTopic: 'usp/controller',
  };
}

export function newStompBroker(): EditableBroker<StompBrokerProfile> {
  return {
    id: newId('stomp'), name: 'STOMP broker', enabled: true, host: '127.0.0.1', port: 61613, hasPassword: false,
    controllerDestination: '/queue/usp.controller',
  };
}
