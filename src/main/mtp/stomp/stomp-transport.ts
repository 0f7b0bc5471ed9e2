import { randomUUID } from 'node:crypto';
import { Client, type IFrame, type IMessage } from '@stomp/stompjs';
import type { BackoffOptions } from '../backoff';
import { asUint8Array } from '../bytes';
import type { TlsFiles } from '../tls-files';
import { ReconnectingClientTransport, type ReconnectingClientOptions } from '../reconnecting-client-transport';
import { profileName, TransportError, type MtpAddress, type Transport } from '../transport';
import { describeTlsSocket, isTlsCheckFailure } from '../peer-tls';
import { escapeHeaderValue, stompSocketFactory } from './stomp-socket';

export interface StompTransportOptions extends ReconnectingClientOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** stomp://[login:passcode@]host:port or stomps://… (TLS). */
  url: string;
  /** Override the login / passcode of the URL (R-STOMP.3). */
  login?: string;
  passcode?: string;
  /** The `host` header (virtual host, R-STOMP.5); default `/`. */
  virtualHost?: string;
  /** Our Endpoint ID, sent escaped in the `endpoint-id` header (R-STOMP.4). */
  endpointId: string;
  /** Our destination: we subscribe to it and announce it as `reply-to-dest` (R-STOMP.13/21). */
  destination: string;
  /** Heart-beats in ms (R-STOMP.8-11); default 10000 both ways, 0 disables that direction. */
  heartbeatOutgoingMs?: number;
  heartbeatIncomingMs?: number;
  /** Give up a connection attempt without CONNECTED after this long; default 10000. */
  connectTimeoutMs?: number;
  /** Reconnect back-off after the server drops us (R-STOMP.7); default 1 s doubling up to 60 s. */
  reconnect?: BackoffOptions;
  /** For stomps://: CA to trust and our client certificate if the server wants one. */
  tls?: TlsFiles;
}

/** The only content-type a USP Record may travel with (R-STOMP.20). */
export const USP_STOMP_CONTENT_TYPE = 'application/vnd.bbf.usp.msg';

/**
 * STOMP 1.2 MTP over raw TCP with @stomp/stompjs: peers are addressed by
 * destination (MtpAddress.target). Usable by the controller and by simulated agents.
 * After the first successful start it reconnects with back-off and subscribes again.
 */
export class StompTransport extends ReconnectingClientTransport implements Transport {
  readonly kind = 'stomp' as const;
  readonly id: string;
  private client: Client | undefined;
  private readonly host: string;
  private readonly port: number;
  private readonly login: string | undefined;
  private readonly passcode: string | undefined;
  private readonly useTls: boolean;
  /** Where we receive: the CONNECTED `subscribe-dest` if the server named one (R-STOMP.6/14), else ours. */
  private ownDestination: string;

  constructor(private readonly options: StompTransportOptions) {
    super(options.reconnect, options.retryInitialConnect);
    this.id = options.id;
    this.ownDestination = options.destination;
    let url: URL;
    try {
      url = new URL(options.url);
    } catch (error) {
      throw new TransportError(`invalid STOMP URL ${options.url}`, options.id, { cause: error });
    }
    if (url.protocol !== 'stomp:' && url.protocol !== 'stomps:') {
      throw new TransportError(`STOMP URL must start with stomp:// or stomps://, not ${url.protocol}//`, options.id);
    }
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = url.port === '' ? 61613 : Number(url.port);
    this.login = options.login ?? (url.username === '' ? undefined : decodeURIComponent(url.username));
    this.passcode = options.passcode ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
    this.useTls = url.protocol === 'stomps:' || options.tls !== undefined;
  }

  /** Where peers reach us: our destination (or the server-assigned one). */
  get ownAddress(): MtpAddress {
    return this.addressFor(this.ownDestination);
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'stomp', target };
  }

  describe(address: MtpAddress): string {
    return `STOMP broker${profileName(this.options.name)} at ${this.where}, destination ${address.target}`;
  }

  private get where(): string {
    return `${this.host}:${this.port}`;
  }

  protected override tlsFiles(): TlsFiles | undefined {
    return this.useTls ? (this.options.tls ?? {}) : undefined;
  }

  protected closeSession(): Promise<void> | undefined {
    const client = this.client;
    this.client = undefined;
    // R-STOMP.28: DISCONNECT on shutdown; force the socket closed if the server is gone.
    if (client === undefined) return undefined;
    return (async () => {
      if (client.connected) await Promise.race([client.deactivate(), new Promise((r) => setTimeout(r, 2_000))]);
      await client.deactivate({ force: true });
    })();
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    const client = this.client;
    if (client === undefined || this.linkState !== 'up') {
      throw new TransportError(`STOMP server ${this.where} is not connected; cannot send to ${to.target}`, this.id);
    }
    if (bytes.length === 0) throw new TransportError('refusing to send an empty STOMP body (obuspa reconnects on those)', this.id);
    try {
      // R-STOMP.19-22: content-length (added by stompjs for binary bodies), the exact
      // content-type, our reply-to-dest, and the Record bytes as the body.
      client.publish({
        destination: to.target,
        binaryBody: bytes,
        headers: { 'content-type': USP_STOMP_CONTENT_TYPE, 'reply-to-dest': this.ownDestination },
      });
    } catch (error) {
      throw new TransportError(`sending to ${to.target} via ${this.where} failed: ${(error as Error).message}`, this.id, { cause: error });
    }
    return Promise.resolve();
  }

  /** One STOMP session: connect, subscribe (with a receipt), then "up". */
  protected connectOnce(initial: boolean): Promise<void> {
    this.setState('connecting', `connecting to STOMP server ${this.where}`);
    const connectHeaders: Record<string, string> = {
      host: escapeHeaderValue(this.options.virtualHost ?? '/'),
      'endpoint-id': escapeHeaderValue(this.options.endpointId),
    };
    if (this.login !== undefined) connectHeaders.login = escapeHeaderValue(this.login);
    if (this.passcode !== undefined) connectHeaders.passcode = escapeHeaderValue(this.passcode);
    const client = new Client({
      // The broker's certificate: it authenticates the broker, not the agents behind it (R-E2E.28).
      webSocketFactory: stompSocketFactory(this.host, this.port, this.tls, (socket) => {
        this.linkTls = describeTlsSocket(socket, false);
      }),
      connectHeaders,
      heartbeatOutgoing: this.options.heartbeatOutgoingMs ?? 10_000,
      heartbeatIncoming: this.options.heartbeatIncomingMs ?? 10_000,
      connectionTimeout: this.options.connectTimeoutMs ?? 10_000,
      // Reconnects are ours (back-off, fresh subscription), not stompjs's.
      reconnectDelay: 0,
      debug: () => undefined,
    });
    this.client = client;
    return new Promise<void>((resolve, reject) => {
      let up = false;
      let failure: string | undefined;
      client.onConnect = (connected: IFrame) => {
        // R-STOMP.6/14: a server-assigned destination replaces the configured one.
        this.ownDestination = connected.headers['subscribe-dest'] ?? this.options.destination;
        const receipt = randomUUID();
        client.watchForReceipt(receipt, () => {
          up = true;
          this.linkUp(`connected to STOMP server ${this.where}, subscribed to ${this.ownDestination}`);
          resolve();
        });
        // R-STOMP.17: ack:auto.
        client.subscribe(this.ownDestination, (message) => this.receive(message), { ack: 'auto', receipt });
      };
      client.onStompError = (frame: IFrame) => {
        const detail = [frame.headers.message, frame.body.trim()].filter((s) => s !== undefined && s !== '').join(': ');
        failure = `STOMP server ${this.where} refused the connection: ${detail || 'ERROR frame'}`;
        if (up) this.emit('warning', failure);
        // R-STOMP.7/25: after an ERROR frame, drop the session and retry; servers may hold
        // the socket open after one (RabbitMQ does on a refused login).
        client.forceDisconnect();
      };
      client.onWebSocketError = (event: { message?: unknown }) => {
        const message = event.message instanceof Error ? event.message.message : String(event.message ?? 'socket error');
        // A certificate the TLS check refuses (untrusted, or not naming the host dialled) is not "unreachable".
        failure ??= isTlsCheckFailure(event.message) ? `STOMP server ${this.where} failed the TLS check: ${message}` : `STOMP server ${this.where} is unreachable: ${message}`;
      };
      let closed = false;
      client.onWebSocketClose = () => {
        if (closed) return;
        closed = true;
        const why = failure ?? `lost the connection to STOMP server ${this.where}`;
        // Settle the attempt even when stop() got there first, so start() never hangs.
        if (!up) reject(new TransportError(this.stopped ? `stopped before ${this.where} was connected` : why, this.id));
        if (this.client !== client) return;
        this.client = undefined;
        void client.deactivate({ force: true });
        this.retryAfterClose(initial, up, why);
      };
      client.activate();
    });
  }

  private receive(message: IMessage): void {
    const headers = message.headers;
    const contentType = headers['content-type'];
    if (contentType !== undefined && contentType !== USP_STOMP_CONTENT_TYPE) {
      this.emit('warning', `ignored a STOMP MESSAGE on ${headers.destination ?? '?'} with content-type ${contentType}: not a USP Record`);
      return;
    }
    const body = message.binaryBody;
    if (body.length === 0) {
      this.emit('warning', `ignored an empty STOMP MESSAGE on ${headers.destination ?? '?'}`);
      return;
    }
    const replyTo = headers['reply-to-dest'];
    const endpointId = headers['endpoint-id'];
    this.emit(
      'record',
      this.withTls({
        bytes: asUint8Array(body),
        // R-STOMP.23: answers go to the MESSAGE's reply-to-dest.
        replyTo: replyTo === undefined || replyTo === '' ? null : this.addressFor(replyTo),
        ...(endpointId === undefined ? {} : { peerEndpointId: endpointId }),
        receivedAt: Date.now(),
      }),
    );
  }
}
