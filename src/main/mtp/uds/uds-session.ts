import type { Socket } from 'node:net';
import { asUint8Array } from '../bytes';
import { sendBufferOverflow } from '../send-buffer';
import { encodeFrame, TLV, UdsFrameDecoder, UdsFramingError, type Tlv } from './uds-framing';

export interface UdsSessionHandlers {
  /** The peer's handshake completed; its Endpoint ID. */
  onHandshake(endpointId: string): void;
  onRecord(bytes: Uint8Array): void;
  onWarning(message: string): void;
  /** The socket is gone, with why (fires once). */
  onClosed(reason: string): void;
}

export interface UdsSessionOptions {
  role: 'server' | 'client';
  ownEndpointId: string;
  maxFrameBytes: number;
  /**
   * Bytes queued towards the peer (written, not yet taken by the socket): a Record that would pass
   * this bound closes the connection instead (a peer that does not read; issue 9 #4).
   */
  maxBufferedBytes: number;
  /** Client: password sent in the handshake frame (obuspa TLV 4). */
  password?: string;
  /** Server: refuse clients whose handshake lacks this password. */
  requiredPassword?: string;
}

/**
 * One UDS connection after connect/accept: the handshake (R-UDS.16-18),
 * then Records. The client speaks first; the server answers with its own handshake.
 */
export class UdsSession {
  private handshakeDone = false;
  private closed = false;
  private closeReason: string | undefined;
  private readonly decoder: UdsFrameDecoder;
  private peerEndpointId: string | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly options: UdsSessionOptions,
    private readonly handlers: UdsSessionHandlers,
  ) {
    this.decoder = new UdsFrameDecoder(options.maxFrameBytes);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => {
      this.closeReason ??= `socket error: ${error.message}`;
    });
    socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.handlers.onClosed(this.closeReason ?? 'closed by peer');
    });
    if (options.role === 'client') this.sendHandshake();
  }

  get isOpen(): boolean {
    return this.handshakeDone && !this.closed;
  }

  sendRecord(bytes: Uint8Array): Promise<void> {
    const frame = encodeFrame([{ type: TLV.record, value: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }]);
    const overflow = this.closed || this.socket.destroyed ? null : sendBufferOverflow(this.socket.writableLength, frame.length, this.options.maxBufferedBytes);
    if (overflow !== null) {
      // Holding more for a peer that does not read would grow without limit: drop the connection.
      this.handlers.onWarning(`closed the UDS connection${this.peerEndpointId === undefined ? '' : ` of ${this.peerEndpointId}`}: ${overflow}`);
      this.close(overflow);
      return Promise.reject(new Error(overflow));
    }
    return this.write(frame);
  }

  /** Closes the connection, first telling the peer why with a TLV 2 when errorText is given. */
  close(reason: string, errorText?: string): void {
    this.closeReason ??= reason;
    if (errorText !== undefined && !this.socket.destroyed) {
      this.socket.end(encodeFrame([{ type: TLV.error, value: Buffer.from(errorText, 'utf8') }]));
      setTimeout(() => this.socket.destroy(), 1_000).unref();
    } else this.socket.destroy();
  }

  private sendHandshake(): void {
    const tlvs: Tlv[] = [{ type: TLV.handshake, value: Buffer.from(this.options.ownEndpointId, 'utf8') }];
    if (this.options.password !== undefined) tlvs.push({ type: TLV.password, value: Buffer.from(this.options.password, 'utf8') });
    this.write(encodeFrame(tlvs)).catch(() => undefined);
  }

  private write(frame: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed || this.closed) {
        reject(new Error('the UDS connection is closed'));
        return;
      }
      this.socket.write(frame, (error) => (error ? reject(error) : resolve()));
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Tlv[][];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      // R-UDS.24: an unparseable frame gets a TLV 2 and the connection closes.
      const text = error instanceof UdsFramingError ? error.message : String(error);
      this.handlers.onWarning(`closing a UDS connection: ${text}`);
      this.close(`unparseable frame: ${text}`, text);
      return;
    }
    for (const tlvs of frames) {
      for (const tlv of tlvs) this.onTlv(tlv, tlvs);
      if (this.closed || this.socket.destroyed) return;
    }
  }

  private onTlv(tlv: Tlv, frame: Tlv[]): void {
    switch (tlv.type) {
      case TLV.handshake:
        this.onHandshake(tlv.value.toString('utf8'), frame);
        return;
      case TLV.error:
        // R-UDS.25: a TLV 2 from the peer ends the connection.
        this.close(`peer reported an error: ${tlv.value.toString('utf8')}`);
        return;
      case TLV.record:
        if (!this.handshakeDone) {
          this.handlers.onWarning('ignored a UDS Record sent before the handshake (R-UDS.20)');
          return;
        }
        this.handlers.onRecord(asUint8Array(tlv.value));
        return;
      default:
        // R-UDS.15: unknown TLV types (and TLV 4 outside a handshake) are ignored.
        return;
    }
  }

  private onHandshake(endpointId: string, frame: Tlv[]): void {
    // R-UDS.19: a handshake after the handshake is ignored.
    if (this.handshakeDone) return;
    if (endpointId === '') {
      this.close('empty Endpoint ID in handshake', 'handshake without an Endpoint ID');
      return;
    }
    if (this.options.role === 'server') {
      const required = this.options.requiredPassword;
      if (required !== undefined) {
        const given = frame.find((t) => t.type === TLV.password)?.value.toString('utf8');
        if (given !== required) {
          // R-UDS.21: a handshake we cannot accept gets a TLV 2.
          this.handlers.onWarning(`refused UDS handshake from ${endpointId}: wrong or missing password`);
          this.close(`handshake from ${endpointId} refused: wrong or missing password`, 'authentication failed');
          return;
        }
      }
      this.sendHandshake();
    }
    this.handshakeDone = true;
    this.peerEndpointId = endpointId;
    this.handlers.onHandshake(endpointId);
  }
}
