import type { MtpAddress } from '../mtp/transport';
import type { usp } from '../usp/generated/usp-proto.js';
import { RequestTimeoutError } from './errors';

/** One request sent and not yet answered. */
export interface PendingRequest {
  endpointId: string;
  msgId: string;
  /** The address the request went out on: its closing fails the request. */
  address: MtpAddress;
  sentAt: number;
  timeoutMs: number;
}

interface Entry extends PendingRequest {
  resolve: (msg: usp.Msg) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests awaiting their Response or Error, keyed by (agent, msg_id): a response counts only
 * when both its msg_id and its sender match (R-MSG.9).
 */
export class PendingRequests {
  private readonly entries = new Map<string, Entry>();

  /**
   * Registers a request before it is sent and starts its timeout. `onTimeout` runs before the
   * promise rejects with a RequestTimeoutError, so presence can be updated first.
   */
  add(request: PendingRequest, onTimeout: (request: PendingRequest) => void): Promise<usp.Msg> {
    const key = keyOf(request.endpointId, request.msgId);
    if (this.entries.has(key)) throw new Error(`msg_id ${request.msgId} already pending for ${request.endpointId}`);
    return new Promise<usp.Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Stryker disable next-line ConditionalExpression: equivalent, take() clears the timer of every entry it removes, so a firing timer always finds its own entry
        if (this.entries.get(key) !== entry) return;
        this.entries.delete(key);
        onTimeout(request);
        reject(new RequestTimeoutError(request.endpointId, request.msgId, request.timeoutMs));
      }, request.timeoutMs);
      // Stryker disable next-line OptionalChaining: equivalent under Node, whose timers always have unref()
      timer.unref?.();
      const entry: Entry = { ...request, resolve, reject, timer };
      this.entries.set(key, entry);
    });
  }

  /** The pending request a response from `endpointId` with `msgId` answers, if any. */
  peek(endpointId: string, msgId: string): PendingRequest | undefined {
    return this.entries.get(keyOf(endpointId, msgId));
  }

  /** Settles the request with its response; false when nothing was pending under that key. */
  resolve(endpointId: string, msgId: string, msg: usp.Msg): boolean {
    const entry = this.take(endpointId, msgId);
    if (!entry) return false;
    entry.resolve(msg);
    return true;
  }

  /** Fails one request (an Error reply, a send failure). */
  reject(endpointId: string, msgId: string, error: Error): boolean {
    const entry = this.take(endpointId, msgId);
    if (!entry) return false;
    entry.reject(error);
    return true;
  }

  /** Fails every pending request matching `predicate`; returns how many. */
  rejectWhere(predicate: (request: PendingRequest) => boolean, error: (request: PendingRequest) => Error): number {
    let count = 0;
    for (const entry of [...this.entries.values()]) {
      if (!predicate(entry)) continue;
      this.take(entry.endpointId, entry.msgId);
      entry.reject(error(entry));
      count++;
    }
    return count;
  }

  get size(): number {
    return this.entries.size;
  }

  private take(endpointId: string, msgId: string): Entry | undefined {
    const key = keyOf(endpointId, msgId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    clearTimeout(entry.timer);
    return entry;
  }
}

function keyOf(endpointId: string, msgId: string): string {
  return `${endpointId}\u0000${msgId}`;
}
