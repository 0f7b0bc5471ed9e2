import { Controller, type PresenceChange, type TraceEntry } from '../../controller';
import { TransportError } from '../../mtp/transport';
import { ControllerTrustService } from '../../services/controller-trust/controller-trust-service';
import { explainingDenials, type AgentRequests } from '../../services/controller-trust/explaining-requests';
import { createControllerTransport, type TransportSettings } from '../transport-options';

/** One controller, one transport, one agent: what every one-agent command talks through. */
export interface AgentSession {
  controller: Controller;
  /**
   * The controller's requests to the agent, a 7006 "Permission Denied" explained from the agent's
   * ControllerTrust tables (which role lacks which permission), as in the console.
   */
  requests: AgentRequests;
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
 * URL is known at once (the controller may send first); with --ws-listen and --uds
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
  const connectRecord = agentAddress ? null : firstRecordFrom(controller, settings.agentId, CONNECT_RECORD_GRACE_MS);
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
      // R-MTP.6/8: on a new channel the agent's Connect Record comes before anything else; wait
      // for it so an agent still finishing its start-up is not sent a request it would drop.
      await connectRecord?.wait;
    }
  } catch (error) {
    connectRecord?.cancel();
    await close();
    throw error;
  }
  return { controller, requests: explainingDenials(controller, new ControllerTrustService(controller)), agentId: settings.agentId, timeoutMs: settings.timeoutMs, close };
}

/** Some agents cannot build a Connect Record (R-MTP.6 "if it can"); past this we send anyway. */
const CONNECT_RECORD_GRACE_MS = 2000;

/** Resolves on the first Record from the agent, or after graceMs (started once the agent is online). */
function firstRecordFrom(controller: Controller, agentId: string, graceMs: number): { wait: Promise<void>; cancel(): void } {
  let done = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onTrace = (entry: TraceEntry): void => {
      if (entry.direction === 'in' && entry.endpointId === agentId) done();
    };
    const onPresence = (change: PresenceChange): void => {
      if (change.endpointId === agentId && change.online && timer === undefined) timer = setTimeout(() => done(), graceMs);
    };
    done = () => {
      clearTimeout(timer);
      controller.off('trace', onTrace);
      controller.off('presenceChanged', onPresence);
      resolve();
    };
    controller.on('trace', onTrace);
    controller.on('presenceChanged', onPresence);
  });
  return { wait, cancel: () => done() };
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
