import type { Transport, TransportEvents } from '../mtp/transport';

export type TransportHandlers = { [K in keyof TransportEvents]: (...args: TransportEvents[K]) => void };

/** Subscribes the handlers to a transport's events; returns the function that unsubscribes them. */
export function attach(transport: Transport, handlers: TransportHandlers): () => void {
  transport.on('record', handlers.record);
  transport.on('peerOpened', handlers.peerOpened);
  transport.on('peerClosed', handlers.peerClosed);
  transport.on('link', handlers.link);
  transport.on('warning', handlers.warning);
  return () => {
    transport.off('record', handlers.record);
    transport.off('peerOpened', handlers.peerOpened);
    transport.off('peerClosed', handlers.peerClosed);
    transport.off('link', handlers.link);
    transport.off('warning', handlers.warning);
  };
}
