import { Controller } from '../../controller';
import { TransportError } from '../../mtp/transport';
import { createControllerTransport, type TransportSettings } from '../transport-options';

/** One controller, one transport, one agent: what every one-agent command talks through. */
export interface AgentSession {
  controller: Controller;
  agentId: string;
  /** --timeout, per request. */
  timeoutMs: number;
  /** Stops the transport and the controller; idempotent. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /** In-flight limit of the controller for this agent (bench raises it). */
  maxInFlight?: number;
  /** Called with controller warnings (stderr in the commands). */
  onWarning?: (message: string) => void;
}

/**
 * Starts the transport and makes the agent reachable: a broker topic/destination or a dialled
 * URL is known at once (mtp.md §2.5: the controller may send first); with --ws-listen and --uds
 * the agent must connect, and the wait is bounded by --timeout. Rejects with a TransportError
 * or AgentUnreachableError (exit 3 in the CLI).
 */
export async function openAgentSession(settings: TransportSettings, options: SessionOptions = {}): Promise<AgentSession> {
  const startedAt = Date.now();
  const { transport, agentAddress, listening } = createControllerTransport(settings);
  const controller = new Controller({
    endpointId: settings.controllerId,
    requestTimeoutMs: settings.timeoutMs,
    maxInFlightPerAgent: options.maxInFlight ?? 16,
    // The `protocols` command asks on its own; nothing else needs the extra round trip.
    queryProtocolOnContact: false,
  });
  if (options.onWarning) {
    const warn = options.onWarning;
    controller.on('warning', (w) => warn(w.message));
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    controller.close();
    await transport.stop().catch(() => undefined);
  };
  try {
    // Known before it connects, so a listening transport attributes its connection to it.
    if (!agentAddress) controller.addAgent(settings.agentId);
    controller.addTransport(transport);
    await withTimeout(transport.start(), settings.timeoutMs, () => new TransportError(`${transport.kind} not up within ${settings.timeoutMs} ms`, transport.id));
    if (agentAddress) controller.addAgent(settings.agentId, agentAddress);
    else {
      const left = Math.max(1, settings.timeoutMs - (Date.now() - startedAt));
      await controller.waitForAgent(settings.agentId, left).catch((error: unknown) => {
        throw new TransportError(`agent ${settings.agentId} did not connect to ${listening ?? transport.kind} within ${settings.timeoutMs} ms`, transport.id, { cause: error });
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { controller, agentId: settings.agentId, timeoutMs: settings.timeoutMs, close };
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      },
    );
  });
}
