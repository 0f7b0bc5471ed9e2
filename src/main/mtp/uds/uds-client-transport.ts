import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { Backoff, type BackoffOptions } from '../backoff';
import { TransportError, type LinkState, type MtpAddress, type Transport, type TransportEvents } from '../transport';
import { UdsSession } from './uds-session';

export interface UdsClientTransportOptions {
  id: string;
  /** Filesystem path of the server's socket. */
  path: string;
  /** Our Endpoint ID, sent in the handshake (R-UDS.16). */
  endpointId: string;
  /** obuspa's TLV 4 password, when the server requires one. */
  password?: string;
  /** Largest frame accepted; default 5 MiB. */
  maxFrameBytes?: number;
  /** Drop the connection if the server's handshake does not come within this long; default 30000 (R-UDS.18). */
  handshakeTimeoutMs?: number;
  /** Reconnect wait; default a random 1-5 s as R-UDS.5 says. */
  reconnect?: BackoffOptions;
  /**
   * Keep retrying with back-off when the first connection fails (a broker that is down
   * when the console starts). start() still rejects with that first failure so the caller
   * learns why; link events report the retries; stop() ends them. Default false.
   */
  retryInitialConnect?: boolean;
}

/**
 * UDS client MTP (mtp.md §4): we connect to a local USP endpoint's socket. One peer,
 * addressed by the socket path (MtpAddress.target = options.path). After the first
 * successful start it reconnects whenever the connection drops.
 */
export class UdsClientTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'uds' as const;
  readonly id: string;
  private state: LinkState = 'down';
  private session: UdsSession | undefined;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private serverEndpointId: string | undefined;

  constructor(private readonly options: UdsClientTransportOptions) {
    super();
    this.id = options.id;
    this.backoff = new Backoff(options.reconnect ?? { initialDelayMs: 1_000, multiplier: 5, maxDelayMs: 5_000 });
  }

  get linkState(): LinkState {
    return this.state;
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

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    try {
      await this.connectOnce(true);
    } catch (error) {
      if (this.options.retryInitialConnect === true && !this.stopped) this.scheduleReconnect((error as Error).message);
      else {
        this.stopped = true;
        this.setState('down', (error as Error).message);
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.session?.close('transport stopped');
    this.session = undefined;
    this.setState('down', 'stopped');
    return Promise.resolve();
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

  private connectOnce(initial: boolean): Promise<void> {
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
          ...(this.options.password === undefined ? {} : { password: this.options.password }),
        },
        {
          onHandshake: (endpointId) => {
            clearTimeout(timer);
            up = true;
            this.serverEndpointId = endpointId;
            this.backoff.reset();
            this.setState('up', `connected to ${this.options.path} (${endpointId})`);
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
            if (initial && !up) return;
            this.scheduleReconnect(reason);
          },
        },
      );
      this.session = session;
    });
  }

  private scheduleReconnect(reason: string): void {
    const delay = this.backoff.next();
    this.setState('down', `${reason}; reconnecting in ${Math.round(delay)} ms`);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      // A failure is reported by link events and retried by the close handler.
      this.connectOnce(false).catch(() => undefined);
    }, delay);
    this.reconnectTimer.unref();
  }

  private setState(state: LinkState, reason: string): void {
    this.state = state;
    this.emit('link', state, reason);
  }
}
