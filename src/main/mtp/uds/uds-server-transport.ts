import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { unlink } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { profileName, TransportError, type LinkState, type MtpAddress, type Transport, type TransportEvents } from '../transport';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../send-buffer';
import { UdsSession } from './uds-session';

export interface UdsServerTransportOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** Filesystem path of the socket (e.g. /var/run/usp/broker_controller_path). A stale file is replaced. */
  path: string;
  /** Our Endpoint ID, sent in our handshake answer. */
  endpointId: string;
  /** Largest frame accepted; a bigger one gets a TLV 2 and the connection closes. Default 5 MiB (obuspa). */
  maxFrameBytes?: number;
  /** Bytes queued towards the peer; a peer that does not read is dropped past it (issue 9 #4). Default 8 MiB, as WebSocket. */
  maxBufferedBytes?: number;
  /** Require this password (obuspa's TLV 4) in client handshakes. */
  requiredPassword?: string;
  /** Close a client that does not complete its handshake within this long; default 30000 (R-UDS.18's timeout). */
  handshakeTimeoutMs?: number;
}

interface Connection {
  id: string;
  session: UdsSession;
  endpointId: string;
}

/**
 * UDS server MTP: peers on the same host connect to our socket. Each
 * connection gets an id (MtpAddress.target) once its handshake names the peer. A new
 * connection naming the Endpoint ID of an open one does not replace it here: the controller
 * decides and closes the one it refuses with closePeer.
 */
export class UdsServerTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'uds' as const;
  readonly id: string;
  private state: LinkState = 'down';
  private server: Server | undefined;
  private readonly connections = new Map<string, Connection>();
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: UdsServerTransportOptions) {
    super();
    this.id = options.id;
  }

  get linkState(): LinkState {
    return this.state;
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'uds', target };
  }

  describe(): string {
    return `Unix domain socket${profileName(this.options.name)} at ${this.options.path}`;
  }

  /** Open, handshaken connections and their Endpoint IDs. */
  peers(): { address: MtpAddress; endpointId: string }[] {
    return [...this.connections.values()].map((c) => ({ address: this.addressFor(c.id), endpointId: c.endpointId }));
  }

  async start(): Promise<void> {
    if (this.server !== undefined) return;
    await this.removeStaleSocket();
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new TransportError(`cannot listen on UDS ${this.options.path}: ${error.message}`, this.id, { cause: error })),
      );
      server.listen(this.options.path, () => resolve());
    });
    server.on('error', (error) => this.emit('warning', `UDS server error: ${error.message}`));
    this.server = server;
    this.setState('up', `listening on ${this.options.path}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const c of [...this.connections.values()]) c.session.close('transport stopped');
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await unlink(this.options.path).catch(() => undefined);
    this.setState('down', 'stopped');
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    const connection = this.connections.get(to.target);
    if (connection === undefined || !connection.session.isOpen) {
      throw new TransportError(`no open UDS connection ${to.target} on ${this.id}`, this.id);
    }
    try {
      await connection.session.sendRecord(bytes);
    } catch (error) {
      throw new TransportError(`sending to UDS connection ${to.target} failed: ${(error as Error).message}`, this.id, { cause: error });
    }
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const id = randomUUID();
    const address = this.addressFor(id);
    let connection: Connection | undefined;
    const timer = setTimeout(() => {
      this.emit('warning', `closing a UDS client that sent no handshake within ${this.options.handshakeTimeoutMs ?? 30_000} ms`);
      session.close('no handshake', 'no handshake received');
    }, this.options.handshakeTimeoutMs ?? 30_000);
    timer.unref();
    const session: UdsSession = new UdsSession(
      socket,
      {
        role: 'server',
        ownEndpointId: this.options.endpointId,
        maxFrameBytes: this.options.maxFrameBytes ?? 5 * 1024 * 1024,
        maxBufferedBytes: this.options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        ...(this.options.requiredPassword === undefined ? {} : { requiredPassword: this.options.requiredPassword }),
      },
      {
        onHandshake: (endpointId) => {
          clearTimeout(timer);
          connection = { id, session, endpointId };
          this.connections.set(id, connection);
          this.emit('peerOpened', address, endpointId);
        },
        onRecord: (bytes) => {
          if (connection === undefined) return;
          this.emit('record', { bytes, replyTo: address, peerEndpointId: connection.endpointId, receivedAt: Date.now() });
        },
        onWarning: (message) => this.emit('warning', message),
        onClosed: (reason) => {
          clearTimeout(timer);
          this.sockets.delete(socket);
          if (connection === undefined) return;
          this.connections.delete(id);
          this.emit('peerClosed', address, reason);
        },
      },
    );
  }

  /** Closes one peer's connection (an impostor the controller refused). */
  closePeer(address: MtpAddress, reason: string): void {
    this.connections.get(address.target)?.session.close(reason);
  }

  /** A socket file left by a dead process blocks listen(); one with a live listener means the path is taken. */
  private async removeStaleSocket(): Promise<void> {
    const alive = await new Promise<boolean>((resolve) => {
      const probe = connect(this.options.path);
      probe.once('connect', () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (alive) throw new TransportError(`another process is already listening on UDS ${this.options.path}`, this.id);
    await unlink(this.options.path).catch(() => undefined);
  }

  private setState(state: LinkState, reason: string): void {
    this.state = state;
    this.emit('link', state, reason);
  }
}
