import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { IStompSocket } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import type { LoadedTls } from '../tls-files';

/**
 * STOMP header value escaping of STOMP 1.2 (`\` → `\\`, LF → `\n`, CR → `\r`, `:` → `\c`),
 * which R-STOMP.4 requires for the endpoint-id header.
 */
export function escapeHeaderValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/:/g, '\\c');
}

/**
 * A raw TCP (or TLS) socket for @stomp/stompjs. It sends the opening frame as `STOMP`
 * rather than stompjs's `CONNECT`, as R-STOMP.2 requires; the headers are the same, and
 * the caller escapes their values because STOMP-frame headers are escaped (unlike CONNECT's).
 */
export function stompSocketFactory(host: string, port: number, tls: LoadedTls | undefined, onSecure?: (socket: TLSSocket) => void): () => IStompSocket {
  class UspStompSocket extends TCPWrapper {
    protected override getSocket(p: number, h: string): Socket {
      if (tls === undefined) return super.getSocket(p, h);
      const socket = tlsConnect({ host: h, port: p, ...(isIP(h) === 0 ? { servername: h } : {}), minVersion: 'TLSv1.2', ...tls });
      if (onSecure !== undefined) socket.once('secureConnect', () => onSecure(socket));
      return socket;
    }

    override send(data: string | ArrayBuffer): void {
      super.send(typeof data === 'string' && data.startsWith('CONNECT\n') ? `STOMP\n${data.slice('CONNECT\n'.length)}` : data);
    }
  }
  return () => new UspStompSocket(host, port);
}
