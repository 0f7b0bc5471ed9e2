import { randomBytes } from 'node:crypto';
import type { MtpAddress } from '../mtp/transport';
import type { usp } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { buildMsgRecord } from '../usp/record';
import { AgentUnreachableError } from './errors';
import type { ControllerParts } from './controller-parts';
import type { PendingRequest } from './pending-requests';
import { outboundTrace, summarizeMsg } from './trace';

/** The Records carrying one Msg, in order. */
export interface OutboundRecords {
  bytes: Uint8Array[];
  /** Whether they are session_context Records. */
  session: boolean;
}

/**
 * What the controller sends: requests matched to responses by msg_id over each route in turn,
 * replies (NotifyResp, Error) and the Records the E2E session layer asks for; every Record sent is traced.
 */
export class Outbound {
  private readonly msgIdPrefix = `uc-${randomBytes(4).toString('hex')}`;
  private msgCounter = 0;

  constructor(
    private readonly parts: ControllerParts,
    /** A request got no response in time (presence is judged by LinkPresence). */
    private readonly timedOut: (request: PendingRequest) => void,
  ) {}

  /** Sends one request over the routes in turn and resolves with the response Msg; UspErrorResponse for an Error. */
  async exchange(endpointId: string, build: (msgId: string) => usp.IMsg, timeoutMs: number, routes = this.routesFor(endpointId)): Promise<usp.Msg> {
    if (routes.length === 0) throw new AgentUnreachableError(endpointId, this.whyUnreachable(endpointId));
    const msgId = this.nextMsgId();
    const msg = build(msgId);
    // The response is matched by this msg_id; a builder that ignores it would only ever time out.
    if (msg.header?.msg_id !== msgId) throw new Error(`the request builder must use the msg_id it is given (${msgId})`);
    const records = this.recordsFor(endpointId, msg);
    const failures: string[] = [];
    for (const address of routes) {
      const request: PendingRequest = { endpointId, msgId, address, sentAt: this.parts.clock(), timeoutMs };
      // Registered before sending: the response may arrive before send() settles.
      const answer = this.parts.pending.add(request, (r) => this.timedOut(r));
      answer.catch(() => {});
      const error = await this.sendAll(endpointId, address, records, msg);
      if (error === null) {
        const reply = await answer;
        if (m.messageKind(reply) === 'error') throw new m.UspErrorResponse(msgId, reply.body?.error ?? {});
        return reply;
      }
      failures.push(`${address.transportId}: ${error}`);
      this.parts.pending.reject(endpointId, msgId, new Error(error));
    }
    throw new AgentUnreachableError(endpointId, `sending failed on every address (${failures.join('; ')})`);
  }

  /** The agent's usable addresses, over attached transports. */
  routesFor(endpointId: string): MtpAddress[] {
    return this.parts.registry.routes(endpointId).filter((a) => this.parts.transports.has(a.transportId));
  }

  /** Sends a reply Msg (NotifyResp, Error) back where the request came from, or to the agent's best address. */
  async reply(endpointId: string, replyTo: MtpAddress | null, msg: usp.IMsg): Promise<void> {
    const address = replyTo ?? this.routesFor(endpointId)[0];
    if (!address) {
      this.parts.events.emit('warning', { at: this.parts.clock(), endpointId, message: `no way back to ${endpointId} for ${summarizeMsg(msg)}` });
      return;
    }
    let error: string | null;
    try {
      error = await this.sendAll(endpointId, address, this.recordsFor(endpointId, msg), msg);
    } catch (e) {
      // The session layer refuses more unacknowledged bytes (RangeError): a warning, never an unhandled rejection.
      error = e instanceof Error ? e.message : String(e);
    }
    if (error !== null) this.parts.events.emit('warning', { at: this.parts.clock(), endpointId, transportId: address.transportId, message: `reply failed: ${error}` });
  }

  /** Retransmissions, retransmit requests and context restarts the session layer asks for. */
  sendSessionRecords(endpointId: string, replyTo: MtpAddress | null, output: { records: Uint8Array[]; restarted: string | null }): void {
    if (output.restarted !== null) this.parts.events.emit('warning', { at: this.parts.clock(), endpointId, message: `E2E session restarted: ${output.restarted}` });
    const address = replyTo ?? this.routesFor(endpointId)[0];
    if (address && output.records.length > 0) void this.sendAll(endpointId, address, { bytes: output.records, session: true }, null);
  }

  /** Fails the requests waiting on matching addresses (of one agent, when given). */
  failPendingOn(match: (address: MtpAddress) => boolean, reason: string, endpointId?: string): void {
    this.parts.pending.rejectWhere(
      (r) => match(r.address) && (endpointId === undefined || r.endpointId === endpointId),
      (r) => new AgentUnreachableError(r.endpointId, `${reason} while waiting for the response to ${r.msgId}`),
    );
  }

  private nextMsgId(): string {
    return `${this.msgIdPrefix}-${++this.msgCounter}`;
  }

  private whyUnreachable(endpointId: string): string {
    const agent = this.parts.registry.get(endpointId);
    if (!agent || agent.addresses.length === 0) return 'no address known for it yet';
    return agent.online ? 'no usable address' : `offline (${agent.presenceReason})`;
  }

  /** The Records carrying one Msg: one no_session_context Record, or session Records when the agent uses a context. */
  private recordsFor(endpointId: string, msg: usp.IMsg): OutboundRecords {
    const { sessions } = this.parts;
    if (!sessions.uses(endpointId)) return { bytes: [buildMsgRecord({ toId: endpointId, fromId: this.parts.endpointId, msg })], session: false };
    const output = sessions.send(endpointId, msg);
    if (output.restarted !== null) this.parts.events.emit('warning', { at: this.parts.clock(), endpointId, message: `E2E session restarted: ${output.restarted}` });
    return { bytes: output.records, session: true };
  }

  /** Sends Records in order over one address; the first failure stops it. */
  private async sendAll(endpointId: string, address: MtpAddress, records: OutboundRecords, msg: usp.IMsg | null): Promise<string | null> {
    for (const bytes of records.bytes) {
      const error = await this.send(endpointId, address, bytes, msg, records.session);
      if (error !== null) return error;
    }
    return null;
  }

  /** Sends one Record and traces it; returns the failure text instead of throwing. */
  private async send(endpointId: string, address: MtpAddress, bytes: Uint8Array, msg: usp.IMsg | null, session: boolean): Promise<string | null> {
    const transport = this.parts.transports.get(address.transportId)?.transport;
    let error: string | null = transport ? null : `transport ${address.transportId} is not attached`;
    if (transport) {
      try {
        await transport.send(address, bytes);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const { events } = this.parts;
    if (events.listenerCount('trace') > 0) events.emit('trace', outboundTrace(this.parts.clock(), endpointId, address, bytes, msg, error, session));
    return error;
  }
}
