import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { asBuffer, asUint8Array } from '../bytes';
import type { TlsLinkState } from '../../../shared/model/tls';
import { checkCertificateEndpointId } from '../../usp/certificate-identity';
import { describeTlsSocket, parseSubjectAltName } from '../peer-tls';
import { loadTlsFiles } from '../tls-files';
import { profileName, TransportError, type LinkState, type MtpAddress, type Transport, type TransportEvents } from '../transport';
import { ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits';
import { startKeepAlive } from './keep-alive';
import { eidFromQuery, extensionEid, formatExtension, USP_EXTENSION, USP_SUBPROTOCOL } from './usp-handshake';
import { DEFAULT_MAX_BUFFERED_BYTES, sendBufferOverflow } from '../send-buffer';

export interface WsServerTlsOptions {
  /** Our server certificate chain (PEM file). */
  certFile: string;
  /** Its private key (PEM file). */
  keyFile: string;
  /** CAs that sign acceptable client certificates (PEM file). */
  caFile?: string;
  /** Ask agents for a client certificate (R-MTP.1 is the agent's side; this is ours). */
  requestClientCert?: boolean;
  /** Refuse agents without a valid client certificate (implies requestClientCert). */
  requireClientCert?: boolean;
}

export interface WsServerTransportOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** Interface to listen on; default 0.0.0.0. */
  host?: string;
  /** TCP port; 0 picks a free one (read it from `port` after start). */
  port: number;
  /** The USP resource path (R-WS.2); only upgrades to exactly this path are accepted. Default `/usp`. */
  path?: string;
  /** Our Endpoint ID, echoed in the bbf-usp-protocol extension when a client offers it (R-WS.11a). */
  endpointId?: string;
  /** Ping interval for keep-alive (R-WS.17/18); default 30000, 0 disables pings. */
  keepAliveIntervalMs?: number;
  /** A peer missing more than this many consecutive Pongs is dead; default 2 (as obuspa). */
  maxMissedPongs?: number;
  /** Largest message accepted; a bigger one closes that connection with 1009. Default 5 MiB (obuspa's limit). */
  maxMessageBytes?: number;
  /** Serve wss:// with these files. */
  tls?: WsServerTlsOptions;
  /** A connection that has not completed its upgrade by then is closed (issue 9 #3); default 10000. */
  handshakeTimeoutMs?: number;
  /** Open connections on this listener, upgraded or not; default 4096. */
  maxConnections?: number;
  /** Open connections from one source address; default 1024. */
  maxConnectionsPerAddress?: number;
  /**
   * Bytes queued towards one peer (sent, not yet taken by its socket). A peer that does not read
   * is closed once a send would pass this bound (issue 9 #4). Default 8 MiB.
   */
  maxBufferedBytes?: number;
}

interface Connection {
  id: string;
  socket: WebSocket;
  endpointId: string | undefined;
  /** The peer's IP address, as people know the device. */
  remoteAddress: string;
  /** wss: the TLS state, with the agent's certificate if it sent one. */
  tls: TlsLinkState | undefined;
  stopKeepAlive: () => void;
  /** Set when we closed it ourselves, so the close handler reports our reason instead of the peer's. */
  closeReason?: string;
  /** Already removed and reported closed. */
  forgotten?: boolean;
}

const DEFAULT_MAX_MESSAGE = 5 * 1024 * 1024;

/**
 * WebSocket server MTP: agents connect to us. Each connection gets an id
 * (MtpAddress.target). A new connection naming the eid of an open one does not replace it here:
 * whether it may take over (R-WS.4, one session per pair) is the controller's call, after it has
 * checked the old one with checkAlive (no takeover of a live agent).
 */
export class WsServerTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'websocket' as const;
  readonly id: string;
  private state: LinkState = 'down';
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly connections = new Map<string, Connection>();
  private limits: ConnectionLimits | undefined;
  private readonly path: string;
  private boundPort: number | undefined;

  constructor(private readonly options: WsServerTransportOptions) {
    super();
    this.id = options.id;
    this.path = options.path ?? '/usp';
  }

  get linkState(): LinkState {
    return this.state;
  }

  /** The port actually listened on (after start). */
  get port(): number {
    if (this.boundPort === undefined) throw new TransportError('the WebSocket server is not listening', this.id);
    return this.boundPort;
  }

  /** ws:// or wss:// URL agents should dial (after start). */
  get url(): string {
    const scheme = this.options.tls === undefined ? 'ws' : 'wss';
    return `${scheme}://${this.options.host ?? '0.0.0.0'}:${this.port}${this.path}`;
  }

  /** Open connections: their addresses and the Endpoint IDs they announced. */
  peers(): { address: MtpAddress; endpointId: string | undefined; tls: TlsLinkState | undefined }[] {
    return [...this.connections.values()].map((c) => ({ address: this.addressFor(c.id), endpointId: c.endpointId, tls: c.tls }));
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'websocket', target };
  }

  describe(address: MtpAddress): string {
    const listener = this.options.name === undefined ? '' : ` on listener${profileName(this.options.name)}`;
    const connection = this.connections.get(address.target);
    return connection === undefined ? `WebSocket${listener} (connection closed)` : `WebSocket from ${connection.remoteAddress}${listener}`;
  }

  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const tls = this.options.tls;
    let server: Server;
    if (tls === undefined) server = createHttpServer();
    else {
      if (tls.certFile === '' || tls.keyFile === '') {
        throw new TransportError('a wss:// listener needs a certificate and its key: give the listener its own files or set the console certificate in the settings', this.id);
      }
      const files = await loadTlsFiles({ certFile: tls.certFile, keyFile: tls.keyFile, caFile: tls.caFile }, this.id);
      const requireCert = tls.requireClientCert === true;
      server = createHttpsServer({
        cert: files.cert,
        key: files.key,
        ca: files.ca,
        minVersion: 'TLSv1.2',
        requestCert: requireCert || tls.requestClientCert === true,
        rejectUnauthorized: requireCert,
      });
    }
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(USP_SUBPROTOCOL) ? USP_SUBPROTOCOL : false),
    });
    wss.on('headers', (headers, request) => {
      const offered = request.headers['sec-websocket-extensions'];
      if (this.options.endpointId !== undefined && offered !== undefined && offered.toLowerCase().includes(USP_EXTENSION)) {
        headers.push(`Sec-WebSocket-Extensions: ${formatExtension(this.options.endpointId)}`);
      }
    });
    server.on('request', (_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('USP WebSocket endpoint\n');
    });
    const limits = new ConnectionLimits(
      {
        handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? DEFAULT_CONNECTION_LIMITS.handshakeTimeoutMs,
        maxConnections: this.options.maxConnections ?? DEFAULT_CONNECTION_LIMITS.maxConnections,
        maxConnectionsPerAddress: this.options.maxConnectionsPerAddress ?? DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress,
      },
      (message) => this.emit('warning', message),
    );
    this.limits = limits;
    server.on('connection', (socket: Socket) => limits.admit(socket));
    server.on('clientError', (error: Error, socket: Socket) => {
      // Without this handler Node answers 400 itself; with it a malformed request is logged and closed.
      this.emit('warning', `closed a connection from ${socket.remoteAddress ?? '?'}: bad HTTP request (${error.message})`);
      socket.destroy();
    });
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(request, socket, head));
    server.on('tlsClientError', (error) => this.emit('warning', `TLS handshake with a client failed: ${error.message}`));
    const host = this.options.host ?? '0.0.0.0';
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(new TransportError(`WebSocket server cannot listen on ${host}:${this.options.port}: ${error.message}`, this.id, { cause: error }));
      };
      server.once('error', onError);
      server.listen(this.options.port, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (error) => this.emit('warning', `WebSocket server error: ${error.message}`));
    this.server = server;
    this.wss = wss;
    this.boundPort = (server.address() as AddressInfo).port;
    this.setState('up', `listening on ${this.url}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const connection of [...this.connections.values()]) this.closeConnection(connection, 1001, 'transport stopped');
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.wss?.close();
    this.wss = undefined;
    this.limits?.clear();
    this.limits = undefined;
    this.boundPort = undefined;
    this.setState('down', 'stopped');
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    const connection = this.connections.get(to.target);
    if (connection === undefined || connection.socket.readyState !== connection.socket.OPEN) {
      throw new TransportError(`no open WebSocket connection ${to.target} on ${this.id}`, this.id);
    }
    const reason = sendBufferOverflow(connection.socket.bufferedAmount, bytes.length, this.options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES);
    if (reason !== null) {
      // A peer that does not read would make us hold its replies without limit: drop it instead.
      this.emit('warning', `closed WebSocket connection ${connection.id}: ${reason}`);
      connection.closeReason = reason;
      this.forget(connection, reason);
      connection.socket.terminate();
      throw new TransportError(`not sent to WebSocket connection ${to.target}: ${reason}`, this.id);
    }
    await new Promise<void>((resolve, reject) => {
      connection.socket.send(asBuffer(bytes), { binary: true }, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(new TransportError(`sending to WebSocket connection ${to.target} failed: ${error.message}`, this.id, { cause: error }));
      });
    });
  }

  /**
   * Sends a Ping to one peer and resolves true when its Pong (or any frame) arrives within
   * timeoutMs, false otherwise or when the connection is not open.
   */
  checkAlive(address: MtpAddress, timeoutMs: number): Promise<boolean> {
    const connection = this.connections.get(address.target);
    if (connection === undefined || connection.socket.readyState !== connection.socket.OPEN) return Promise.resolve(false);
    const socket = connection.socket;
    return new Promise<boolean>((resolve) => {
      const done = (alive: boolean): void => {
        clearTimeout(timer);
        socket.off('pong', onPong);
        socket.off('close', onClose);
        resolve(alive);
      };
      const onPong = (): void => done(true);
      const onClose = (): void => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      socket.on('pong', onPong);
      socket.on('close', onClose);
      try {
        socket.ping(Buffer.from('usp-console alive?'));
      } catch {
        done(false);
      }
    });
  }

  /** Closes one peer's connection with 1008 (policy violation) and the reason. */
  closePeer(address: MtpAddress, reason: string): void {
    const connection = this.connections.get(address.target);
    if (connection !== undefined) this.closeConnection(connection, 1008, reason);
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const wss = this.wss;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const refuse = (status: number, text: string, why: string): void => {
      this.emit('warning', `refused a WebSocket upgrade from ${remote} to ${request.url ?? '?'}: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return refuse(400, 'Bad Request', 'unparseable request URL');
    }
    if (wss === undefined) return refuse(503, 'Service Unavailable', 'server stopping');
    if (url.pathname !== this.path) return refuse(404, 'Not Found', `path is not ${this.path}`);
    // R-WS.12a: never accept a session without the v1.usp subprotocol.
    const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!protocols.includes(USP_SUBPROTOCOL)) return refuse(400, 'Bad Request', `no ${USP_SUBPROTOCOL} subprotocol offered`);
    // Older agents name themselves in the bbf-usp-protocol extension instead of the query.
    const endpointId = eidFromQuery(url.search) ?? extensionEid(request.headers['sec-websocket-extensions']);
    // A client certificate binds the connection to its Endpoint ID: an eid it does not vouch for is refused (R-SEC.10a).
    const peer = request.socket instanceof TLSSocket ? request.socket.getPeerX509Certificate() : undefined;
    if (endpointId !== undefined && peer !== undefined) {
      const verdict = checkCertificateEndpointId(parseSubjectAltName(peer.subjectAltName ?? ''), endpointId);
      if (!verdict.ok) return refuse(403, 'Forbidden', `eid "${endpointId}" does not match the client certificate: ${verdict.reason}`);
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      this.limits?.upgraded(socket);
      this.accept(ws, endpointId, request);
    });
  }

  private accept(socket: WebSocket, endpointId: string | undefined, request: IncomingMessage): void {
    const id = randomUUID();
    // The agent's own certificate, if it sent one: the controller checks it names from_id (R-SEC.10a).
    const tls = request.socket instanceof TLSSocket ? describeTlsSocket(request.socket, true) : undefined;
    const connection: Connection = { id, socket, endpointId, remoteAddress: request.socket.remoteAddress ?? 'an unknown address', tls, stopKeepAlive: () => undefined };
    this.connections.set(id, connection);
    const address = this.addressFor(id);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        // R-WS.16: Records travel only in binary frames (R-WS.14); a text frame closes the connection with 1003.
        this.emit('warning', `closed WebSocket connection ${id} with 1003: it sent a text frame, USP Records travel in binary frames (R-WS.14, R-WS.16)`);
        this.closeConnection(connection, 1003, 'text frame received (R-WS.16)');
        return;
      }
      const plain = { bytes: asUint8Array(data as Buffer), replyTo: address, receivedAt: Date.now() };
      const record = tls === undefined ? plain : { ...plain, tls };
      this.emit('record', endpointId === undefined ? record : { ...record, peerEndpointId: endpointId });
    });
    socket.on('error', (error) => {
      connection.closeReason ??= this.describeError(error);
    });
    socket.on('close', (code, reason) => {
      this.forget(connection, connection.closeReason ?? `closed by peer (code ${code}${reason.length > 0 ? `, ${reason.toString()}` : ''})`);
    });
    connection.stopKeepAlive = startKeepAlive(
      socket,
      this.options.keepAliveIntervalMs ?? 30_000,
      this.options.maxMissedPongs ?? 2,
      (reason) => {
        connection.closeReason = reason;
        socket.terminate();
      },
    );
    this.emit('peerOpened', address, endpointId);
  }

  private describeError(error: Error & { code?: string }): string {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      const max = this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
      this.emit('warning', `a WebSocket peer sent a message over the ${max}-byte limit; closing it with 1009`);
      return `message larger than ${max} bytes (closed with 1009)`;
    }
    return `connection error: ${error.message}`;
  }

  /** Closes a connection we no longer want; it is gone for senders at once, whatever the peer does. */
  private closeConnection(connection: Connection, code: number, reason: string): void {
    connection.closeReason = reason;
    // The close frame's reason is limited to 123 bytes (RFC 6455 §5.5).
    connection.socket.close(code, reason.slice(0, 120));
    this.forget(connection, reason);
    // A peer that does not finish the closing handshake must not keep its socket open.
    setTimeout(() => connection.socket.terminate(), 2_000).unref();
  }

  /** Drops a connection from the tables and reports it closed, once. */
  private forget(connection: Connection, reason: string): void {
    if (connection.forgotten) return;
    connection.forgotten = true;
    connection.stopKeepAlive();
    this.connections.delete(connection.id);
    this.emit('peerClosed', this.addressFor(connection.id), reason);
  }

  private setState(state: LinkState, reason: string): void {
    this.state = state;
    this.emit('link', state, reason);
  }
}
