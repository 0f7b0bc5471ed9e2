/**
 * Bytes queued towards one peer (sent, not yet taken by its socket) before the connection is
 * closed: a peer that does not read would otherwise make us hold its replies without limit
 * (issue 9 #4). The WebSocket and Unix domain socket transports share it.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Why sending `adding` more bytes to a peer with `queued` bytes waiting would pass `limit`, or null when it fits. */
export function sendBufferOverflow(queued: number, adding: number, limit: number): string | null {
  if (queued + adding <= limit) return null;
  return `send buffer full: ${queued} bytes queued, limit ${limit} (the peer does not read)`;
}
