import type { Socket } from 'node:net';

export interface ConnectionLimitOptions {
  /** A connection that has not finished its WebSocket upgrade (TLS and HTTP included) by then is closed. */
  handshakeTimeoutMs: number;
  /** Open TCP connections on the listener, upgraded or not. */
  maxConnections: number;
  /** Open TCP connections from one source address. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimitOptions = {
  handshakeTimeoutMs: 10_000,
  maxConnections: 4096,
  // Generous: a lab bench runs hundreds of simulated agents from one address.
  maxConnectionsPerAddress: 1024,
};

/**
 * Bounds on the TCP connections of a WebSocket listener (issue 9 #3): half-open or stalled
 * handshakes are closed after a timeout, and a cap per listener and per source address keeps
 * one peer from using up the descriptors the other agents and the UI need.
 */
export class ConnectionLimits {
  private total = 0;
  private readonly perAddress = new Map<string, number>();
  /** Handshake timers by "address:port", which the raw TCP socket and its TLS socket share. */
  private readonly handshakes = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly limits: ConnectionLimitOptions,
    private readonly warn: (message: string) => void,
  ) {}

  get openConnections(): number {
    return this.total;
  }

  /** Every raw TCP socket the server accepts comes through here first. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? '?';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (this.total >= this.limits.maxConnections) {
      this.warn(`refused a connection from ${address}: the listener already holds ${this.total} connections (limit ${this.limits.maxConnections})`);
      socket.destroy();
      return;
    }
    if (fromAddress >= this.limits.maxConnectionsPerAddress) {
      this.warn(`refused a connection from ${address}: it already holds ${fromAddress} connections (limit ${this.limits.maxConnectionsPerAddress} per address)`);
      socket.destroy();
      return;
    }
    this.total += 1;
    this.perAddress.set(address, fromAddress + 1);
    const key = keyOf(socket);
    const timer = setTimeout(() => {
      this.handshakes.delete(key);
      this.warn(`closed a connection from ${key}: no WebSocket upgrade within ${this.limits.handshakeTimeoutMs} ms`);
      socket.destroy();
    }, this.limits.handshakeTimeoutMs);
    timer.unref();
    this.handshakes.set(key, timer);
    socket.once('close', () => {
      this.stopTimer(key);
      this.total -= 1;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
  }

  /** The socket (raw or TLS) finished its WebSocket upgrade: its handshake timer stops. */
  upgraded(socket: Socket): void {
    this.stopTimer(keyOf(socket));
  }

  private stopTimer(key: string): void {
    const timer = this.handshakes.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.handshakes.delete(key);
  }

  /** Stops every pending handshake timer (the listener is closing). */
  clear(): void {
    for (const timer of this.handshakes.values()) clearTimeout(timer);
    this.handshakes.clear();
  }
}

function keyOf(socket: Socket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
}
