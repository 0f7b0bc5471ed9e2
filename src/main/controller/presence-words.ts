import type { MtpAddress } from '../mtp/transport';
import type { usp } from '../usp/generated/usp-proto.js';
import { messageKind, msgTypeName, MSG_TYPE_OF_KIND } from '../usp/message-kind';
import type { RecordKind } from '../usp/record';
import type { ControllerParts } from './controller-parts';

/** Presence reasons and addresses in words for people: what arrived, over what, from where. */

const MTP_NAMES: Readonly<Record<MtpAddress['kind'], string>> = { websocket: 'WebSocket', mqtt: 'MQTT', stomp: 'STOMP', uds: 'Unix domain socket' };

const RECORD_NAMES: Readonly<Record<RecordKind, string>> = {
  no_session_context: 'a Record',
  session_context: 'a session context Record',
  websocket_connect: 'a WebSocketConnectRecord',
  mqtt_connect: 'an MQTTConnectRecord',
  stomp_connect: 'a STOMPConnectRecord',
  uds_connect: 'a UDSConnectRecord',
  disconnect: 'a DisconnectRecord',
};

/** The MTP's name as people write it. */
export function mtpName(kind: MtpAddress['kind']): string {
  return MTP_NAMES[kind];
}

/** An agent's address in words (Transport.describe); its MTP and target when the transport is gone. */
export function addressWords(parts: Pick<ControllerParts, 'transports'>, address: MtpAddress): string {
  const attached = parts.transports.get(address.transportId);
  return attached ? attached.transport.describe(address) : `${MTP_NAMES[address.kind]} ${address.target} (no longer configured)`;
}

/**
 * Why a Record makes an agent present, over `over` (words): "connected over WebSocket from
 * 127.0.0.1 (WebSocketConnectRecord)", "a GET_RESP received over MQTT broker "lab" at …".
 */
export function heardReason(kind: RecordKind, msg: usp.IMsg | null, over: string): string {
  if (kind.endsWith('_connect')) return `connected over ${over} (${RECORD_NAMES[kind].replace(/^an? /, '')})`;
  const body = kind === 'no_session_context' && msg ? messageKind(msg) : undefined;
  const what = body === undefined ? RECORD_NAMES[kind] : `a ${msgTypeName(MSG_TYPE_OF_KIND[body]) ?? body}`;
  return `${what} received over ${over}`;
}
