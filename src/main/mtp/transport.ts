import type { EventEmitter } from 'node:events';
import type { TlsLinkState } from '../../shared/model/tls';

/** The Message Transfer Protocols USP Console speaks. */
export type MtpKind = 'websocket' | 'mqtt' | 'stomp' | 'uds';

/**
 * Where records for one peer go over one transport. Plain data, so the store can
 * remember it and the controller can reuse it after a restart. `target` means:
 * websocket / uds: the connection id the transport gave the peer (or the URL for a
 * WebSocket client transport); mqtt: the peer's topic; stomp: the peer's destination.
 */
export interface MtpAddress {
  transportId: string;
  kind: MtpKind;
  target: string;
}

/** One serialized usp_record.Record as it arrived, with the way back to its sender. */
export interface InboundRecord {
  bytes: Uint8Array;
  /** Where answers go: R-MTP "always answer on the MTP where the request came in". Null when the binding gave none (MQTT 5 without Response Topic, 3.1.1 without reply-to). */
  replyTo: MtpAddress | null;
  /** The sender's Endpoint ID when the binding carries it (WebSocket `eid`, STOMP `endpoint-id`). */
  peerEndpointId?: string;
  /**
   * The TLS state of the link it came over (absent on plain links). With `peerIsEndpoint` the
   * peer certificate is the sender's own and must name its from_id (R-SEC.10a); a broker's
   * certificate proves nothing about from_id (R-E2E.28).
   */
  tls?: TlsLinkState;
  receivedAt: number;
}

export type LinkState = 'connecting' | 'up' | 'down';

export interface TransportEvents {
  /** A Record arrived. */
  record: [InboundRecord];
  /** A connection-oriented peer (WebSocket, UDS) connected; endpointId when the handshake named it. */
  peerOpened: [address: MtpAddress, endpointId: string | undefined];
  /** A connection-oriented peer went away (close, dead-peer timeout, error). */
  peerClosed: [address: MtpAddress, reason: string];
  /** The transport's own link (broker session, listening socket) changed state, with the reason. */
  link: [state: LinkState, reason: string];
  /** Something went wrong that did not stop the transport (a bad frame, a refused connection). */
  warning: [message: string];
}

/**
 * One MTP endpoint of ours: a WebSocket server or client, an MQTT or STOMP broker
 * session, a UDS listener or connector. It moves bytes and knows addresses; USP
 * semantics live in the controller and the simulator (architecture rule 2).
 */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly id: string;
  readonly kind: MtpKind;
  /** Starts listening or connecting; resolves once the link is up, rejects with a TransportError otherwise. */
  start(): Promise<void>;
  /** Closes everything; idempotent. */
  stop(): Promise<void>;
  /** Sends one Record; rejects with a TransportError when the peer is unreachable. */
  send(to: MtpAddress, bytes: Uint8Array): Promise<void>;
  /** The address of a peer known only by its topic, destination or URL (e.g. learnt from an MQTTConnectRecord). */
  addressFor(target: string): MtpAddress;
  /**
   * A peer's address in words for people, never a connection id: "WebSocket from 127.0.0.1",
   * "MQTT broker \"lab\" at 10.0.0.2:1883, topic usp/agent/gw".
   */
  describe(address: MtpAddress): string;
  readonly linkState: LinkState;
  /**
   * Connection-oriented transports that can ask a peer for a sign of life (a WebSocket Ping):
   * true when it answered within timeoutMs. Used before letting another connection take over its
   * Endpoint ID (issue 9 #1).
   */
  checkAlive?(address: MtpAddress, timeoutMs: number): Promise<boolean>;
  /** Connection-oriented transports: closes one peer's connection (an impostor, a dead peer). */
  closePeer?(address: MtpAddress, reason: string): void;
}

/** A transport profile's name as it is shown to people after what it is ("MQTT broker" + ` "lab"`), or nothing. */
export function profileName(name: string | undefined): string {
  return name === undefined || name === '' ? '' : ` "${name}"`;
}

/** A transport failure: unreachable peer, broker down, oversized frame. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly transportId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}
