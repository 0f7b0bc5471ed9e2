/**
 * The UDS MTP framing (all integers big-endian):
 * `"_USP"` | uint32 LEN | TLV… where TLV = uint8 TYPE | uint32 L | L bytes.
 */
export const UDS_SYNC = Buffer.from('_USP', 'ascii');

export const TLV = {
  handshake: 1,
  error: 2,
  record: 3,
  /** obuspa extension, not in TR-369: password inside the handshake frame. */
  password: 4,
} as const;

export interface Tlv {
  type: number;
  value: Buffer;
}

/** One frame holding the given TLVs. */
export function encodeFrame(tlvs: Tlv[]): Buffer {
  const parts: Buffer[] = [];
  for (const tlv of tlvs) {
    const head = Buffer.alloc(5);
    head.writeUInt8(tlv.type, 0);
    head.writeUInt32BE(tlv.value.length, 1);
    parts.push(head, tlv.value);
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  UDS_SYNC.copy(header, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** A stream that cannot be read as UDS frames any more (R-UDS.24). */
export class UdsFramingError extends Error {
  override name = 'UdsFramingError';
}

/**
 * Splits a byte stream into frames. push() returns the TLV lists of every frame completed
 * by the chunk; it throws UdsFramingError on a bad sync word, a frame over maxFrameBytes,
 * or TLVs that do not add up to the frame length.
 */
export class UdsFrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): Tlv[][] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Tlv[][] = [];
    for (;;) {
      if (this.buffer.length < 8) {
        this.checkSync();
        return frames;
      }
      this.checkSync();
      const length = this.buffer.readUInt32BE(4);
      if (length > this.maxFrameBytes) throw new UdsFramingError(`frame of ${length} bytes exceeds the ${this.maxFrameBytes}-byte limit`);
      if (this.buffer.length < 8 + length) return frames;
      frames.push(parseTlvs(this.buffer.subarray(8, 8 + length)));
      this.buffer = this.buffer.subarray(8 + length);
    }
  }

  private checkSync(): void {
    const n = Math.min(4, this.buffer.length);
    if (!this.buffer.subarray(0, n).equals(UDS_SYNC.subarray(0, n))) throw new UdsFramingError('frame does not start with "_USP"');
  }
}

function parseTlvs(body: Buffer): Tlv[] {
  const tlvs: Tlv[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 5 > body.length) throw new UdsFramingError('truncated TLV header');
    const type = body.readUInt8(at);
    const length = body.readUInt32BE(at + 1);
    if (at + 5 + length > body.length) throw new UdsFramingError(`TLV of type ${type} runs past the end of its frame`);
    tlvs.push({ type, value: Buffer.from(body.subarray(at + 5, at + 5 + length)) });
    at += 5 + length;
  }
  if (tlvs.length === 0) throw new UdsFramingError('frame holds no TLV');
  return tlvs;
}
