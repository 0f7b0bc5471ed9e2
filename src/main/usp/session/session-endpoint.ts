import type { RecordAddressing } from '../record';
import { SessionContext, type SessionLimits, type SessionStep } from './session-context';
import { buildSessionRecord, type SessionRecord } from './session-record';

export interface SessionEndpointOptions {
  /** Our Endpoint ID as from_id, the peer's as to_id, and Record.version. */
  addressing: RecordAddressing;
  limits: SessionLimits;
  clock: () => number;
  /** A fresh session id >= 2 (R-E2E.3), unique towards this peer. */
  newSessionId: () => number;
}

/** What the owner does after a call: send these Records, process these Msgs. */
export interface SessionOutput {
  /** Encoded session_context Records for the peer, in order. */
  records: Uint8Array[];
  /** Whole Msg payloads received, in order. */
  messages: Uint8Array[];
  /** Why the context was replaced, when it was (for a warning and the trace). */
  restarted: string | null;
}

/**
 * Our side of the session context with one peer (R-E2E.5: at most one per pair): starts, adopts,
 * expires and restarts contexts around the pure SessionContext, and encodes the Records. Msgs the
 * peer had not acknowledged when a context ends are resent in the next one (the originator's
 * choice, R-E2E.22).
 */
export class SessionEndpoint {
  private context: SessionContext | null = null;

  constructor(private readonly options: SessionEndpointOptions) {}

  get sessionId(): number | null {
    return this.context?.sessionId ?? null;
  }

  /** Sends one Msg in the current context, starting a new one when there is none or it expired (R-E2E.7). */
  send(msg: Uint8Array): SessionOutput {
    const out = output();
    let context = this.context;
    if (context === null || context.expired() || context.exhausted) {
      const previous = context;
      context = this.newContext();
      this.context = context;
      if (previous) {
        out.restarted = previous.exhausted ? 'sequence ids exhausted (R-E2E.8)' : 'the session context expired';
        this.resend(previous, context, out);
      }
    }
    out.records.push(...this.encode(context.send(msg)));
    return out;
  }

  /** One received session_context Record (R-E2E.4/6/20/24). */
  receive(r: SessionRecord): SessionOutput {
    const out = output();
    if (this.context?.expired()) {
      this.context = null;
      out.restarted = 'the session context expired';
    }
    if (this.context === null || r.sessionId !== this.context.sessionId) {
      if (r.sequenceId !== 1) {
        // R-E2E.24: a Record of a context we do not have is ignored and the context restarted.
        this.replace(this.newContext(), out, `Record ${r.sequenceId} of unknown session ${r.sessionId}`);
        return out;
      }
      // R-E2E.4/6: the peer starts a context with a session_id new to us; it replaces ours.
      const previous = this.context;
      this.context = new SessionContext(r.sessionId, this.options.limits, this.options.clock);
      if (previous) out.restarted = `the peer started session ${r.sessionId}`;
      this.apply(this.context.receive(r), out);
      if (previous && this.context?.sessionId === r.sessionId) this.resend(previous, this.context, out);
      return out;
    }
    this.apply(this.context.receive(r), out);
    return out;
  }

  /** Timer work: asks again for missing Records; a context that keeps missing one is restarted. */
  tick(): SessionOutput {
    const out = output();
    if (this.context?.waiting) this.apply(this.context.tick(), out);
    return out;
  }

  /** Drops every trace of the context (R-MTP.7, DisconnectRecord) and returns the Msgs it had not delivered. */
  reset(): Uint8Array[] {
    const unacked = this.context?.unackedMessages() ?? [];
    this.context = null;
    return unacked;
  }

  private apply(step: SessionStep, out: SessionOutput): void {
    out.messages.push(...step.messages);
    out.records.push(...this.encode(step.send));
    // R-E2E.21: whatever the context cannot cope with ends it; a new one starts.
    if (step.failure !== null) this.replace(this.newContext(), out, step.failure);
  }

  /** Ends the current context and starts `next`, resending what the peer had not acknowledged. */
  private replace(next: SessionContext, out: SessionOutput, reason: string): void {
    const previous = this.context;
    this.context = next;
    out.restarted ??= reason;
    const before = out.records.length;
    if (previous) this.resend(previous, next, out);
    // The new context is announced even with nothing to resend: the peer learns its session_id.
    if (out.records.length === before) out.records.push(...this.encode([next.empty()]));
  }

  private resend(previous: SessionContext, next: SessionContext, out: SessionOutput): void {
    for (const msg of previous.unackedMessages()) out.records.push(...this.encode(next.send(msg)));
  }

  private newContext(): SessionContext {
    return new SessionContext(this.options.newSessionId(), this.options.limits, this.options.clock);
  }

  private encode(records: SessionRecord[]): Uint8Array[] {
    return records.map((r) => buildSessionRecord(this.options.addressing, r));
  }
}

function output(): SessionOutput {
  return { records: [], messages: [], restarted: null };
}
