import type { WebSocket } from 'ws';

/**
 * Ping/Pong keep-alive and dead-peer detection (R-WS.13/17/18): ping every intervalMs;
 * only a Pong proves the peer alive: a peer that sends an occasional Record but never answers
 * Pings is not reading what we send (issue 9 #4). More than maxMissed consecutive unanswered
 * Pings (obuspa: more than 2) means the peer is dead, and onDead runs once.
 * Returns a function that stops the timer.
 */
export function startKeepAlive(
  socket: WebSocket,
  intervalMs: number,
  maxMissed: number,
  onDead: (reason: string) => void,
): () => void {
  if (intervalMs <= 0) return () => undefined;
  let missed = 0;
  const alive = (): void => {
    missed = 0;
  };
  socket.on('pong', alive);
  const timer = setInterval(() => {
    if (missed > maxMissed) {
      clearInterval(timer);
      onDead(`dead peer: ${missed} pings unanswered within ${intervalMs} ms each`);
      return;
    }
    missed += 1;
    try {
      socket.ping(Buffer.from([missed & 0xff]));
    } catch {
      // The socket is closing; its close handler reports why.
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    socket.off('pong', alive);
  };
}
