import { EventEmitter } from 'node:events';
import { Backoff, type BackoffOptions } from './backoff';
import { loadTlsFiles, type LoadedTls, type TlsFiles } from './tls-files';
import type { LinkState, TransportEvents } from './transport';
import type { TlsLinkState } from '../../shared/model/tls';

/** Options every reconnecting client transport shares. */
export interface ReconnectingClientOptions {
  /**
   * Keep retrying with back-off when the first connection fails (a broker that is down
   * when the console starts). start() still rejects with that first failure so the caller
   * learns why; link events report the retries; stop() ends them. Default false.
   */
  retryInitialConnect?: boolean;
}

/**
 * The link life cycle the client-side MTPs (MQTT, STOMP, WebSocket client, UDS client)
 * share: start/stop, the retry of a failed first connection, reconnecting with back-off
 * after a session drops (R-WS.19-21, R-MQTT.10, R-STOMP.7, R-UDS.5) and the `link` events.
 * A subclass opens and closes its binding's sessions.
 */
export abstract class ReconnectingClientTransport extends EventEmitter<TransportEvents> {
  abstract readonly id: string;
  /** Loaded by start() when tlsFiles() names any. */
  protected tls: LoadedTls | undefined;
  /** The TLS state of the current session, set by the subclass once its TLS handshake is done. */
  protected linkTls: TlsLinkState | undefined;
  private state: LinkState = 'down';
  private isStopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  protected constructor(
    reconnect: BackoffOptions | undefined,
    private readonly retryInitialConnect: boolean | undefined,
  ) {
    super();
    this.backoff = new Backoff(reconnect);
  }

  get linkState(): LinkState {
    return this.state;
  }

  /** The TLS state of the current session; undefined on a plain link or while down. */
  get tlsState(): TlsLinkState | undefined {
    return this.state === 'up' ? this.linkTls : undefined;
  }

  /** Marks a Record with the TLS state of the session it came over. */
  protected withTls<R extends object>(record: R): R & { tls?: TlsLinkState } {
    return this.linkTls === undefined ? record : { ...record, tls: this.linkTls };
  }

  async start(): Promise<void> {
    if (!this.isStopped) return;
    this.isStopped = false;
    try {
      const files = this.tlsFiles();
      // Without TLS files the session opens without waiting a tick.
      if (files !== undefined) this.tls = await loadTlsFiles(files, this.id);
    } catch (error) {
      this.isStopped = true;
      this.setState('down', (error as Error).message);
      throw error;
    }
    try {
      await this.connectOnce(true);
    } catch (error) {
      if (this.retryInitialConnect === true && !this.isStopped) this.scheduleReconnect((error as Error).message);
      else {
        this.isStopped = true;
        this.setState('down', (error as Error).message);
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    clearTimeout(this.reconnectTimer);
    const closing = this.closeSession();
    if (closing !== undefined) await closing;
    this.setState('down', 'stopped');
  }

  /** True from stop() (or a failed start()) until the next start(). */
  protected get stopped(): boolean {
    return this.isStopped;
  }

  /** The CA and client certificate files start() loads into `tls`; undefined for none. */
  protected tlsFiles(): TlsFiles | undefined {
    return undefined;
  }

  /**
   * Opens one session; resolves when it is up, rejects with a TransportError when it fails
   * before that. When a session closes, the subclass calls retryAfterClose().
   */
  protected abstract connectOnce(initial: boolean): Promise<void>;

  /** Ends the current session for stop(); undefined when that needs no waiting. */
  protected abstract closeSession(): Promise<void> | undefined;

  /** The session is usable: the next drop starts the back-off from its first step again. */
  protected linkUp(reason: string): void {
    this.backoff.reset();
    this.setState('up', reason);
  }

  /**
   * A session closed. A failed first attempt is start()'s to report (and to retry, with
   * retryInitialConnect); anything else reconnects unless we are stopped.
   */
  protected retryAfterClose(initial: boolean, wasUp: boolean, reason: string): void {
    if (this.isStopped || (initial && !wasUp)) return;
    this.scheduleReconnect(reason);
  }

  protected setState(state: LinkState, reason: string): void {
    this.state = state;
    this.emit('link', state, reason);
  }

  private scheduleReconnect(reason: string): void {
    const delay = this.backoff.next();
    this.setState('down', `${reason}; reconnecting in ${Math.round(delay)} ms`);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.isStopped) return;
      // A failure is reported by link events and retried by the close handler.
      this.connectOnce(false).catch(() => undefined);
    }, delay);
    this.reconnectTimer.unref();
  }
}
