/** A plain Uint8Array view of received bytes (no copy), so consumers never depend on Node's Buffer subclass. */
export function asUint8Array(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Buffer view of bytes to send (no copy). */
export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
