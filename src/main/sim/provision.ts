import type { DataModel } from './model/data-model';

/** How a simulated agent reaches its controller (and is reached), per MTP. */
export type SimMtp =
  | { kind: 'mqtt'; controllerTopic: string; agentTopic: string; version: '3.1.1' | '5' }
  | { kind: 'stomp'; controllerDestination: string; agentDestination: string }
  | { kind: 'websocket'; url: string };

/** The agent's E2ESession settings towards its controller (Device.LocalAgent.Controller.{i}.E2ESession.). */
export interface SimE2ESession {
  sessionMode?: 'Require' | 'Allow' | 'Forbid';
  /** Bytes; 0 = no limit, else >= 512. Msgs that do not fit are segmented. */
  maxUspRecordSize?: number;
  /** Seconds of silence after which a context expires; 0 = never. */
  sessionExpiration?: number;
  /** -1..10. */
  maxRetransmitTries?: number;
}

const PROTOCOL = { mqtt: 'MQTT', stomp: 'STOMP', websocket: 'WebSocket' } as const;

/**
 * Writes the agent's own identity and its controller into Device.LocalAgent, as a
 * factory-reset file does for obuspa: EndpointID, one enabled
 * Controller row with one MTP row, and one agent MTP row.
 */
export function provisionLocalAgent(model: DataModel, endpointId: string, controllerId: string, mtp: SimMtp, serialNumber: string, e2e: SimE2ESession = {}): void {
  model.setValue('Device.LocalAgent.', 'EndpointID', endpointId);
  model.setValue('Device.DeviceInfo.', 'SerialNumber', serialNumber);
  const protocol = PROTOCOL[mtp.kind];
  const controller = model.createInstance('Device.LocalAgent.Controller.', {
    Alias: 'cpe-1',
    EndpointID: controllerId,
    Enable: 'true',
    AssignedRole: 'Device.LocalAgent.ControllerTrust.Role.1',
    USPNotifRetryMinimumWaitInterval: '5',
    USPNotifRetryIntervalMultiplier: '2000',
  });
  const agentMtp = model.createInstance('Device.LocalAgent.MTP.', { Alias: 'cpe-1', Enable: 'true', Status: 'Up', Protocol: protocol });
  const controllerMtp: Record<string, string> = { Alias: 'cpe-1', Enable: 'true', Protocol: protocol, Order: '1' };
  if (mtp.kind === 'mqtt') {
    const client = model.createInstance('Device.MQTT.Client.', {
      Alias: 'cpe-1',
      Name: 'sim',
      Enable: 'true',
      Status: 'Connected',
      ProtocolVersion: mtp.version === '5' ? '5.0' : '3.1.1',
    });
    model.setValue(`${agentMtp}MQTT.`, 'Reference', client.slice(0, -1));
    model.setValue(`${agentMtp}MQTT.`, 'ResponseTopicConfigured', mtp.agentTopic);
    Object.assign(controllerMtp, { 'MQTT.Reference': client.slice(0, -1), 'MQTT.Topic': mtp.controllerTopic, 'MQTT.AgentMTPReference': agentMtp.slice(0, -1) });
  } else if (mtp.kind === 'stomp') {
    const connection = model.createInstance('Device.STOMP.Connection.', { Alias: 'cpe-1', Enable: 'true', Status: 'Enabled' });
    model.setValue(`${agentMtp}STOMP.`, 'Reference', connection.slice(0, -1));
    model.setValue(`${agentMtp}STOMP.`, 'Destination', mtp.agentDestination);
    Object.assign(controllerMtp, { 'STOMP.Reference': connection.slice(0, -1), 'STOMP.Destination': mtp.controllerDestination });
  } else {
    const url = new URL(mtp.url);
    Object.assign(controllerMtp, {
      'WebSocket.Host': url.hostname,
      'WebSocket.Port': url.port || (url.protocol === 'wss:' ? '443' : '80'),
      'WebSocket.Path': url.pathname,
      'WebSocket.EnableEncryption': String(url.protocol === 'wss:'),
    });
  }
  model.createInstance(`${controller}MTP.`, controllerMtp);
  const session = `${controller}E2ESession.`;
  if (e2e.sessionMode !== undefined) model.setValue(session, 'SessionMode', e2e.sessionMode);
  if (e2e.maxUspRecordSize !== undefined) model.setValue(session, 'MaxUSPRecordSize', String(e2e.maxUspRecordSize));
  if (e2e.sessionExpiration !== undefined) model.setValue(session, 'SessionExpiration', String(e2e.sessionExpiration));
  if (e2e.maxRetransmitTries !== undefined) model.setValue(session, 'MaxRetransmitTries', String(e2e.maxRetransmitTries));
}
