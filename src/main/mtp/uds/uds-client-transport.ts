import { connect } from 'node:net';
import type { BackoffOptions } from '../backoff';
import { ReconnectingClientTransport, type ReconnectingClientOptions } from '../reconnecting-client-transport';
import { profileName, TransportError, type MtpAddress, type Transport } from '../transport';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../send-buffer';
import { UdsSession } from './uds-session';

export interface UdsClientTransportOptions extends ReconnectingClientOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** Filesystem path of the server's socket. */
  path: string;
  /** Our Endpoint ID, sent in the handshake (R-UDS.16). */
  endpointId: string;
  /** obuspa's TLV 4 password, when the server requires one. */
  password?: string;
  /** Largest frame accepted; default 5 MiB. */
  maxFrameBytes?: number;
  /** Bytes queued towards the peer; a peer that does not read is dropped past it (issue 9 #4). Default 8 MiB, as WebSocket. */
  maxBufferedBytes?: number;
  /** Drop the connection if the server's handshake does not come within this long; default 30000 (R-UDS.18). */
  handshakeTimeoutMs?: number;
  /** Reconnect wait; default a random 1-5 s as R-UDS.5 says. */
  reconnect?: BackoffOptions;
}

/**
 * UDS client MTP: we connect to a local USP endpoint's socket. One peer,
 * addressed by the socket path (MtpAddress.target = options.path). After the first
 * successful start it reconnects whenever the connection drops.
 */
export class UdsClientTransport extends ReconnectingClientTransport implements Transport {
  readonly kind = 'uds' as const;
  readonly id: string;
  private session: UdsSession | undefined;
  private serverEndpointId: string | undefined;

  constructor(private readonly options: UdsClientTransportOptions) {
    super(options.reconnect ?? { initialDelayMs: 1_000, multiplier: 5, maxDelayMs: 5_000 }, options.retryInitialConnect);
    this.id = options.id;
  }

  /** The server's Endpoint ID from its handshake. */
  get peerEndpointId(): string | undefined {
    return this.serverEndpointId;
  }

  get peerAddress(): MtpAddress {
    return this.addressFor(this.options.path);
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'uds', target };
  }

  describe(): string {
    return `Unix domain socket${profileName(this.options.name)} at ${this.options.path}`;
  }

  protected closeSession(): Promise<void> | undefined {
    this.session?.close('transport stopped');
    this.session = undefined;
    return undefined;
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    if (to.target !== this.options.path) {
      throw new TransportError(`${this.id} only reaches ${this.options.path}, not ${to.target}`, this.id);
    }
    const session = this.session;
    if (session === undefined || !session.isOpen) throw new TransportError(`UDS connection to ${this.options.path} is not open`, this.id);
    try {
      await session.sendRecord(bytes);
    } catch (error) {
      throw new TransportError(`sending to ${this.options.path} failed: ${(error as Error).message}`, this.id, { cause: error });
    }
  }

  protected connectOnce(initial: boolean): Promise<void> {
    this.setState('connecting', `connecting to ${this.options.path}`);
    const socket = connect(this.options.path);
    return new Promise<void>((resolve, reject) => {
      let up = false;
      const timeoutMs = this.options.handshakeTimeoutMs ?? 30_000;
      const timer = setTimeout(() => session.close(`no handshake from the server within ${timeoutMs} ms (R-UDS.18)`), timeoutMs);
      timer.unref();
      const session: UdsSession = new UdsSession(
        socket,
        {
          role: 'client',
          ownEndpointId: this.options.endpointId,
          maxFrameBytes: this.options.maxFrameBytes ?? 5 * 1024 * 1024,
          maxBufferedBytes: this.options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
          ...(this.options.password === undefined ? {} : { password: this.options.password }),
        },
        {
          onHandshake: (endpointId) => {
            clearTimeout(timer);
            up = true;
            this.serverEndpointId = endpointId;
            this.linkUp(`connected to ${this.options.path} (${endpointId})`);
            this.emit('peerOpened', this.peerAddress, endpointId);
            resolve();
          },
          onRecord: (bytes) => {
            const from = this.serverEndpointId;
            this.emit('record', { bytes, replyTo: this.peerAddress, ...(from === undefined ? {} : { peerEndpointId: from }), receivedAt: Date.now() });
          },
          onWarning: (message) => this.emit('warning', message),
          onClosed: (reason) => {
            clearTimeout(timer);
            if (this.session === session) this.session = undefined;
            if (!up) reject(new TransportError(`UDS connection to ${this.options.path} failed: ${reason}`, this.id));
            if (this.stopped) return;
            if (up) this.emit('peerClosed', this.peerAddress, reason);
            this.retryAfterClose(initial, up, reason);
          },
        },
      );
      this.session = session;
    });
  }
}
