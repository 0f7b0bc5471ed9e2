import type { ClientRequest, IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { WebSocket, type RawData } from 'ws';
import type { BackoffOptions } from '../backoff';
import { asBuffer, asUint8Array } from '../bytes';
import type { TlsFiles } from '../tls-files';
import { ReconnectingClientTransport, type ReconnectingClientOptions } from '../reconnecting-client-transport';
import { profileName, TransportError, type MtpAddress, type Transport } from '../transport';
import { describeTlsSocket } from '../peer-tls';
import { startKeepAlive } from './keep-alive';
import { encodeEidQuery, parseExtensions, USP_EXTENSION, USP_SUBPROTOCOL } from './usp-handshake';
import { DEFAULT_MAX_BUFFERED_BYTES, sendBufferOverflow } from '../send-buffer';

export interface WsClientTransportOptions extends ReconnectingClientOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** The peer's USP resource, ws://host:port/path or wss://…; our eid is appended to its query. */
  url: string;
  /** Our Endpoint ID, sent as the `eid` query parameter (R-WS.10b), percent-encoded as obuspa does. */
  endpointId: string;
  /** Ping interval (R-WS.17/18); default 30000, 0 disables pings. */
  keepAliveIntervalMs?: number;
  /** More than this many consecutive unanswered Pings closes the session; default 2. */
  maxMissedPongs?: number;
  /** Largest message accepted; default 5 MiB. */
  maxMessageBytes?: number;
  /** Reconnect back-off after the session drops; default 1 s doubling up to 60 s. */
  reconnect?: BackoffOptions;
  /** Abort an opening handshake after this long; default 10000. */
  handshakeTimeoutMs?: number;
  /** For wss://: CA to trust, and our client certificate when the server asks for one. */
  tls?: TlsFiles;
  /** Bytes queued towards the peer; a peer that does not read is dropped past it (issue 9 #4). Default 8 MiB. */
  maxBufferedBytes?: number;
}

/**
 * WebSocket client MTP: we dial a USP WebSocket server — an agent's server for
 * our controller, our controller's server for the simulated agent. One session, addressed
 * by the URL (MtpAddress.target = options.url). After the first successful start it
 * reconnects with back-off whenever the session drops.
 */
export class WsClientTransport extends ReconnectingClientTransport implements Transport {
  readonly kind = 'websocket' as const;
  readonly id: string;
  private socket: WebSocket | undefined;
  private serverEndpointId: string | undefined;

  constructor(private readonly options: WsClientTransportOptions) {
    super(options.reconnect, options.retryInitialConnect);
    this.id = options.id;
    let protocol: string;
    try {
      protocol = new URL(options.url).protocol;
    } catch (error) {
      throw new TransportError(`invalid WebSocket URL ${options.url}`, options.id, { cause: error });
    }
    if (protocol !== 'ws:' && protocol !== 'wss:') {
      throw new TransportError(`WebSocket URL must start with ws:// or wss://, not ${protocol}//`, options.id);
    }
  }

  /** The server's Endpoint ID if its handshake response carried the bbf-usp-protocol extension. */
  get peerEndpointId(): string | undefined {
    return this.serverEndpointId;
  }

  /** The one peer of this transport. */
  get peerAddress(): MtpAddress {
    return this.addressFor(this.options.url);
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'websocket', target };
  }

  describe(): string {
    return `WebSocket${profileName(this.options.name)} to ${this.options.url}`;
  }

  protected override tlsFiles(): TlsFiles | undefined {
    return this.options.tls;
  }

  protected closeSession(): Promise<void> | undefined {
    const socket = this.socket;
    this.socket = undefined;
    if (socket === undefined || socket.readyState === socket.CLOSED) return undefined;
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1001, 'transport stopped');
      setTimeout(() => socket.terminate(), 2_000).unref();
    });
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (to.target !== this.options.url) {
      throw new TransportError(`${this.id} only reaches ${this.options.url}, not ${to.target}`, this.id);
    }
    if (socket === undefined || socket.readyState !== socket.OPEN) {
      throw new TransportError(`WebSocket session to ${this.options.url} is not open`, this.id);
    }
    const reason = sendBufferOverflow(socket.bufferedAmount, bytes.length, this.options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES);
    if (reason !== null) {
      // Holding more for a peer that does not read would grow without limit: drop the session (it reconnects).
      this.emit('warning', `closed the WebSocket session to ${this.options.url}: ${reason}`);
      socket.terminate();
      throw new TransportError(`not sent to ${this.options.url}: ${reason}`, this.id);
    }
    await new Promise<void>((resolve, reject) => {
      socket.send(asBuffer(bytes), { binary: true }, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(new TransportError(`sending to ${this.options.url} failed: ${error.message}`, this.id, { cause: error }));
      });
    });
  }

  private connectUrl(): string {
    const url = new URL(this.options.url);
    const eid = `eid=${encodeEidQuery(this.options.endpointId)}`;
    url.search = url.search.length > 1 ? `${url.search}&${eid}` : `?${eid}`;
    return url.toString();
  }

  /**
   * Opens one session; resolves when it is open, rejects with a TransportError when the
   * handshake fails. A failed reconnect (not the initial one) schedules the next attempt.
   */
  protected connectOnce(initial: boolean): Promise<void> {
    this.setState('connecting', `connecting to ${this.options.url}`);
    this.serverEndpointId = undefined;
    const socket = new WebSocket(this.connectUrl(), USP_SUBPROTOCOL, {
      perMessageDeflate: false,
      maxPayload: this.options.maxMessageBytes ?? 5 * 1024 * 1024,
      handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
      ...(this.tls ?? {}),
      finishRequest: (request: ClientRequest) => {
        // obuspa's server always answers with `bbf-usp-protocol; eid="…"` even when not
        // offered, and ws aborts on any extension it did not negotiate. Read
        // the eid and remove that one extension before ws validates the response; any
        // other unrequested extension still fails the handshake.
        request.prependListener('upgrade', (response: IncomingMessage) => {
          // The server's certificate is the USP peer's own: it must name the peer's from_id (R-SEC.10a).
          this.linkTls = response.socket instanceof TLSSocket ? describeTlsSocket(response.socket, true) : undefined;
          this.takeUspExtension(response);
        });
        request.end();
      },
    });
    socket.binaryType = 'nodebuffer';
    this.socket = socket;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let failure: string | undefined;
      let stopKeepAlive = (): void => undefined;
      socket.on('unexpected-response', (_request, response) => {
        failure = `the server answered the WebSocket upgrade with HTTP ${response.statusCode ?? '?'}`;
        response.resume();
        socket.terminate();
      });
      socket.on('error', (error) => {
        failure ??= error.message;
      });
      socket.on('open', () => {
        // R-WS.12: a client must not use a session whose server did not echo v1.usp (ws enforces that it is one we offered).
        opened = true;
        stopKeepAlive = startKeepAlive(
          socket,
          this.options.keepAliveIntervalMs ?? 30_000,
          this.options.maxMissedPongs ?? 2,
          (reason) => {
            failure = reason;
            socket.terminate();
          },
        );
        this.linkUp(`connected to ${this.options.url}`);
        this.emit('peerOpened', this.peerAddress, this.serverEndpointId);
        resolve();
      });
      socket.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) {
          // R-WS.16: Records travel only in binary frames (R-WS.14); a text frame closes the connection with 1003.
          this.emit('warning', `closed the connection to ${this.options.url} with 1003: it sent a text frame, USP Records travel in binary frames (R-WS.14, R-WS.16)`);
          failure ??= 'text frame received (closed with 1003, R-WS.16)';
          socket.close(1003, 'text frame received (R-WS.16)');
          // A peer that does not finish the closing handshake must not keep its socket open.
          setTimeout(() => socket.terminate(), 2_000).unref();
          return;
        }
        const record = this.withTls({ bytes: asUint8Array(data as Buffer), replyTo: this.peerAddress, receivedAt: Date.now() });
        this.emit('record', this.serverEndpointId === undefined ? record : { ...record, peerEndpointId: this.serverEndpointId });
      });
      socket.on('close', (code, reason) => {
        stopKeepAlive();
        if (this.socket === socket) this.socket = undefined;
        if (!opened) {
          const why = failure ?? `closed during the handshake (code ${code})`;
          reject(new TransportError(`WebSocket connection to ${this.options.url} failed: ${why}`, this.id));
          this.retryAfterClose(initial, false, why);
          return;
        }
        if (this.stopped) return;
        const why =
          failure ??
          (code === 1009 ? 'message too big (1009)' : `closed by peer (code ${code}${reason.length > 0 ? `, ${reason.toString()}` : ''})`);
        this.emit('peerClosed', this.peerAddress, why);
        this.retryAfterClose(initial, true, why);
      });
    });
  }

  private takeUspExtension(response: IncomingMessage): void {
    const header = response.headers['sec-websocket-extensions'];
    if (header === undefined) return;
    const offers = parseExtensions(header);
    const usp = offers.find((o) => o.name === USP_EXTENSION);
    if (usp === undefined) return;
    const eid = usp.params.get('eid');
    if (eid !== undefined && eid !== '') this.serverEndpointId = eid;
    const others = offers.filter((o) => o !== usp).map((o) => o.raw);
    if (others.length === 0) delete response.headers['sec-websocket-extensions'];
    else response.headers['sec-websocket-extensions'] = others.join(', ');
  }
}
