import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { InboundRecord, LinkState, MtpAddress, Transport } from '../mtp/transport';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { buildMsgRecord, recordKind } from '../usp/record';
import { AgentRegistry, isConnectionOriented, sameAddress, type AgentInfo, type RestoredAgent } from './agent-registry';
import { BrokerOutages } from './broker-outages';
import { AgentNotApprovedError, AgentUnreachableError } from './errors';
import type { ControllerEvents } from './events';
import { classifyInbound } from './inbound';
import { InFlightLimiter } from './in-flight-limiter';
import { NotificationIntake } from './notifications';
import { OperationTracker } from './operations';
import { PendingRequests, type PendingRequest } from './pending-requests';
import { inboundTrace, outboundTrace, summarizeMsg } from './trace';
import { attach } from './transport-listeners';

export interface ControllerOptions {
  /** Our own Endpoint ID: Records to any other to_id are dropped (R-E2E.1). */
  endpointId: string;
  transports?: Transport[];
  /** Default time to wait for a response, per request. */
  requestTimeoutMs?: number;
  /** Requests in flight per agent; more wait in a FIFO queue. */
  maxInFlightPerAgent?: number;
  /** true: an unknown agent is accepted on first contact; false: held until approveAgent/rejectAgent. */
  acceptUnknownAgents?: boolean;
  /** Send GetSupportedProtocol on first contact and on every Connect Record (default true). */
  queryProtocolOnContact?: boolean;
  /** Timestamps; timers are real. */
  clock?: () => number;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * The machinery of the USP Controller: transports, the agent registry and presence, requests
 * matched to responses with timeouts and a per-agent in-flight limit, and the intake of every
 * inbound Record. Controller (controller.ts) adds the typed USP operations on top.
 */
export class ControllerCore extends EventEmitter<ControllerEvents> {
  readonly endpointId: string;
  readonly requestTimeoutMs: number;
  private acceptUnknownAgents: boolean;
  private readonly queryProtocolOnContact: boolean;
  protected readonly clock: () => number;
  private readonly transports = new Map<string, { transport: Transport; detach: () => void }>();
  private readonly registry: AgentRegistry;
  private readonly pending = new PendingRequests();
  private readonly limiter: InFlightLimiter;
  private readonly notifications = new NotificationIntake();
  protected readonly operations = new OperationTracker();
  /** Agents contacted in this session (for GetSupportedProtocol at first contact). */
  private readonly contacted = new Set<string>();
  private readonly outages = new BrokerOutages();
  private readonly msgIdPrefix = `uc-${randomBytes(4).toString('hex')}`;
  private msgCounter = 0;

  constructor(options: ControllerOptions) {
    super();
    if (!options.endpointId) throw new Error('the controller needs its own Endpoint ID');
    this.endpointId = options.endpointId;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.acceptUnknownAgents = options.acceptUnknownAgents ?? true;
    this.queryProtocolOnContact = options.queryProtocolOnContact ?? true;
    this.clock = options.clock ?? Date.now;
    this.limiter = new InFlightLimiter(options.maxInFlightPerAgent ?? 16);
    this.registry = new AgentRegistry({
      presenceChanged: (change) => this.emit('presenceChanged', change),
      agentUpdated: (agent) => this.emit('agentUpdated', agent),
    });
    for (const transport of options.transports ?? []) this.addTransport(transport);
  }

  // ---- transports -------------------------------------------------------------------------

  addTransport(transport: Transport): void {
    if (this.transports.has(transport.id)) throw new Error(`transport ${transport.id} is already attached`);
    const detach = attach(transport, {
      record: (inbound) => this.onRecord(transport, inbound),
      peerOpened: (address, endpointId) => this.onPeerOpened(address, endpointId),
      peerClosed: (address, reason) => this.onPeerClosed(address, reason),
      link: (state, reason) => this.onLink(transport, state, reason),
      warning: (message) => this.emit('warning', { at: this.clock(), message, transportId: transport.id }),
    });
    this.transports.set(transport.id, { transport, detach });
    this.registry.linkChanged(transport.id, transport.linkState, 'transport attached', this.clock());
  }

  /** Detaches a transport (it is not stopped); requests in flight over it fail. */
  removeTransport(transportId: string): void {
    const attached = this.transports.get(transportId);
    if (!attached) return;
    attached.detach();
    this.transports.delete(transportId);
    this.registry.forgetTransport(transportId, 'transport removed', this.clock());
    this.outages.forget(transportId);
    this.failPendingOn((a) => a.transportId === transportId, 'transport removed');
  }

  /** Detaches every transport and fails everything pending or queued. */
  close(): void {
    for (const id of [...this.transports.keys()]) this.removeTransport(id);
    this.limiter.cancelAll((endpointId) => new AgentUnreachableError(endpointId, 'controller closed'));
    this.pending.rejectWhere(
      () => true,
      (r) => new AgentUnreachableError(r.endpointId, 'controller closed'),
    );
    this.operations.cancelAll('controller closed');
  }

  // ---- agents -----------------------------------------------------------------------------

  knownAgents(): AgentInfo[] {
    return this.registry.list();
  }

  agent(endpointId: string): AgentInfo | undefined {
    return this.registry.get(endpointId);
  }

  /** Loads a persisted registry (with addresses) at start; agents stay offline until heard from. */
  restoreAgents(agents: RestoredAgent[]): void {
    this.registry.restore(agents, this.clock());
  }

  /**
   * An agent known out of band (provisioning, CLI flags such as --agent-topic), accepted at once.
   * With an address the controller can send to it before hearing from it (mtp.md §2.5); a
   * WebSocket/UDS client address counts as open while its transport's link is up.
   */
  addAgent(endpointId: string, address?: MtpAddress): AgentInfo {
    const at = this.clock();
    if (this.registry.ensure(endpointId, 'accepted', at)) {
      const info = this.registry.get(endpointId);
      if (info) this.emit('agentSeen', info);
    } else this.registry.setStatus(endpointId, 'accepted');
    if (address) {
      const link = this.transports.get(address.transportId)?.transport.linkState;
      this.registry.learnAddress(endpointId, address, at, isConnectionOriented(address) && link === 'up', 'address configured');
    }
    const info = this.registry.get(endpointId);
    if (!info) throw new Error(`agent ${endpointId} vanished from the registry`);
    return info;
  }

  /** Settings' approval mode, applied when saved: agents first seen from now on are accepted or held. */
  setAcceptUnknownAgents(accept: boolean): void {
    this.acceptUnknownAgents = accept;
  }

  approveAgent(endpointId: string): void {
    if (this.registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    this.registry.setStatus(endpointId, 'accepted');
    if (this.registry.routes(endpointId).length > 0) this.firstContact(endpointId);
  }

  /** Removes an agent from the registry; its pending and queued requests fail. False when unknown. */
  forgetAgent(endpointId: string): boolean {
    if (!this.registry.remove(endpointId)) return false;
    this.contacted.delete(endpointId);
    this.notifications.forget(endpointId);
    this.limiter.cancelQueued(endpointId, new AgentUnreachableError(endpointId, 'agent removed'));
    this.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentUnreachableError(endpointId, 'agent removed'),
    );
    return true;
  }

  rejectAgent(endpointId: string): void {
    if (this.registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    this.registry.setStatus(endpointId, 'rejected');
    this.limiter.cancelQueued(endpointId, new AgentNotApprovedError(endpointId, 'rejected'));
    this.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentNotApprovedError(endpointId, 'rejected'),
    );
  }

  // ---- requests ---------------------------------------------------------------------------

  /**
   * Sends one request and resolves with the agent's response Msg. Rejects with
   * RequestTimeoutError, AgentUnreachableError, AgentNotApprovedError, or UspErrorResponse when
   * the agent answered with an Error message.
   */
  request(endpointId: string, build: (msgId: string) => usp.IMsg, options: RequestOptions = {}): Promise<usp.Msg> {
    const status = this.registry.status(endpointId);
    if (status === undefined) return Promise.reject(new AgentUnreachableError(endpointId, 'unknown agent'));
    if (status !== 'accepted') return Promise.reject(new AgentNotApprovedError(endpointId, status));
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return this.limiter.run(endpointId, () => this.exchange(endpointId, build, timeoutMs));
  }

  /** GetSupportedProtocol; the versions are remembered in the registry (messages.md §5). */
  protected async queryProtocolVersions(endpointId: string, options?: RequestOptions): Promise<m.GetSupportedProtocolResult> {
    const result = m.parseGetSupportedProtocolResp(await this.request(endpointId, (id) => m.buildGetSupportedProtocol(id), options));
    this.registry.setProtocolVersions(endpointId, result.versions);
    return result;
  }

  private nextMsgId(): string {
    return `${this.msgIdPrefix}-${++this.msgCounter}`;
  }

  private async exchange(endpointId: string, build: (msgId: string) => usp.IMsg, timeoutMs: number): Promise<usp.Msg> {
    const routes = this.routesFor(endpointId);
    if (routes.length === 0) throw new AgentUnreachableError(endpointId, this.whyUnreachable(endpointId));
    const msgId = this.nextMsgId();
    const msg = build(msgId);
    // The response is matched by this msg_id; a builder that ignores it would only ever time out.
    if (msg.header?.msg_id !== msgId) throw new Error(`the request builder must use the msg_id it is given (${msgId})`);
    const bytes = buildMsgRecord({ toId: endpointId, fromId: this.endpointId, msg });
    const failures: string[] = [];
    for (const address of routes) {
      const request: PendingRequest = { endpointId, msgId, address, sentAt: this.clock(), timeoutMs };
      // Registered before sending: the response may arrive before send() settles.
      const answer = this.pending.add(request, (r) => this.onTimeout(r));
      answer.catch(() => {});
      const error = await this.send(endpointId, address, bytes, msg);
      if (error === null) {
        const reply = await answer;
        if (m.messageKind(reply) === 'error') throw new m.UspErrorResponse(msgId, reply.body?.error ?? {});
        return reply;
      }
      failures.push(`${address.transportId}: ${error}`);
      this.pending.reject(endpointId, msgId, new Error(error));
    }
    throw new AgentUnreachableError(endpointId, `sending failed on every address (${failures.join('; ')})`);
  }

  private routesFor(endpointId: string): MtpAddress[] {
    return this.registry.routes(endpointId).filter((a) => this.transports.has(a.transportId));
  }

  private whyUnreachable(endpointId: string): string {
    const agent = this.registry.get(endpointId);
    if (!agent || agent.addresses.length === 0) return 'no address known for it yet';
    return agent.online ? 'no usable address' : `offline (${agent.presenceReason})`;
  }

  /** Sends one Record and traces it; returns the failure text instead of throwing. */
  private async send(endpointId: string, address: MtpAddress, bytes: Uint8Array, msg: usp.IMsg | null): Promise<string | null> {
    const transport = this.transports.get(address.transportId)?.transport;
    let error: string | null = transport ? null : `transport ${address.transportId} is not attached`;
    if (transport) {
      try {
        await transport.send(address, bytes);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (this.listenerCount('trace') > 0) this.emit('trace', outboundTrace(this.clock(), endpointId, address, bytes, msg, error));
    return error;
  }

  /** Sends a reply Msg (NotifyResp, Error) back where the request came from, or to the agent's best address. */
  private async reply(endpointId: string, replyTo: MtpAddress | null, msg: usp.IMsg): Promise<void> {
    const address = replyTo ?? this.routesFor(endpointId)[0];
    if (!address) {
      this.emit('warning', { at: this.clock(), endpointId, message: `no way back to ${endpointId} for ${summarizeMsg(msg)}` });
      return;
    }
    const error = await this.send(endpointId, address, buildMsgRecord({ toId: endpointId, fromId: this.endpointId, msg }), msg);
    if (error !== null) this.emit('warning', { at: this.clock(), endpointId, transportId: address.transportId, message: `reply failed: ${error}` });
  }

  private onTimeout(request: PendingRequest): void {
    // Over a broker the only sign an agent left is silence (see AgentRegistry); a connection's own
    // keep-alive decides for WebSocket/UDS.
    if (!isConnectionOriented(request.address)) {
      this.registry.addressClosed(request.endpointId, request.address, `no response to ${request.msgId} within ${request.timeoutMs} ms`, this.clock());
    }
  }

  private failPendingOn(match: (address: MtpAddress) => boolean, reason: string): void {
    this.pending.rejectWhere(
      (r) => match(r.address),
      (r) => new AgentUnreachableError(r.endpointId, `${reason} while waiting for the response to ${r.msgId}`),
    );
  }

  // ---- inbound ----------------------------------------------------------------------------

  private onPeerOpened(address: MtpAddress, endpointId: string | undefined): void {
    // A client transport reconnecting to the same URL/socket reaches the agent it reached before.
    const known = endpointId ?? this.registry.ownerOf(address);
    if (known !== undefined && this.registry.status(known) !== undefined) {
      this.registry.heardFrom(known, address, this.clock(), 'connection opened');
    }
  }

  private onPeerClosed(address: MtpAddress, reason: string): void {
    this.registry.connectionClosed(address, `connection closed: ${reason}`, this.clock());
    this.failPendingOn((a) => sameAddress(a, address), `connection closed (${reason})`);
  }

  private onLink(transport: Transport, state: LinkState, reason: string): void {
    const at = this.clock();
    const closed = this.registry.linkChanged(transport.id, state, `${transport.kind} link ${state}: ${reason}`, at);
    if (state !== 'up') {
      this.outages.linkDown(transport.id, closed);
      this.failPendingOn((a) => a.transportId === transport.id, `${transport.kind} link ${state} (${reason})`);
    } else {
      // Ask each agent that was online before the outage; its answer restores its presence.
      for (const endpointId of this.outages.linkUp(transport.id)) if (this.registry.status(endpointId) === 'accepted') this.probe(endpointId);
    }
    this.emit('link', { transportId: transport.id, kind: transport.kind, state, reason, at });
  }

  private probe(endpointId: string): void {
    this.queryProtocolVersions(endpointId).catch((error: unknown) => {
      this.emit('warning', { at: this.clock(), endpointId, message: `GetSupportedProtocol failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  private onRecord(transport: Transport, inbound: InboundRecord): void {
    try {
      this.intake(transport, inbound);
    } catch (error) {
      // Whatever one agent sends must never take the controller down for the others.
      this.dropped(transport.id, null, inbound, `failed to process: ${error instanceof Error ? error.message : String(error)}`, false);
    }
  }

  private intake(transport: Transport, inbound: InboundRecord): void {
    const at = this.clock();
    const result = classifyInbound(inbound.bytes, this.endpointId, inbound.peerEndpointId);
    if (!result.ok) {
      this.traceIn(transport.id, inbound, result.endpointId ?? '', null, { error: `dropped: ${result.reason}` });
      const answerable = result.errorReply !== null && result.endpointId !== null && this.registry.status(result.endpointId) === 'accepted';
      if (answerable && result.errorReply && result.endpointId) {
        const { msgId, errCode, errMsg } = result.errorReply;
        void this.reply(result.endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode, errMsg }));
      }
      this.dropped(transport.id, result.endpointId, inbound, result.reason, answerable);
      return;
    }
    const { record, msg, endpointId } = result;
    const owner = inbound.replyTo && isConnectionOriented(inbound.replyTo) ? this.registry.ownerOf(inbound.replyTo) : undefined;
    if (owner !== undefined && owner !== endpointId) {
      // One WebSocket/UDS connection speaks for one agent (R-WS.4); another from_id on it is an impostor.
      this.traceIn(transport.id, inbound, endpointId, result, { error: `dropped: connection belongs to ${owner}` });
      this.dropped(transport.id, endpointId, inbound, `from_id "${endpointId}" on a connection that belongs to "${owner}"`, false);
      return;
    }
    const pendingReply = msg ? this.pending.peek(endpointId, msg.header?.msg_id ?? '') : undefined;
    this.traceIn(transport.id, inbound, endpointId, result, pendingReply ? { latencyMs: at - pendingReply.sentAt } : undefined);

    if (this.registry.ensure(endpointId, this.acceptUnknownAgents ? 'accepted' : 'held', at)) {
      const info = this.registry.get(endpointId);
      if (info) this.emit('agentSeen', info);
      if (info?.status === 'held') this.emit('agentHeld', info);
    }
    const kind = recordKind(record) ?? 'no_session_context';
    const what = kind === 'no_session_context' && msg ? (m.messageKind(msg) ?? 'message') : kind;
    this.registry.heardFrom(endpointId, this.addressFrom(transport, record, inbound), at, `${what} received`);

    const status = this.registry.status(endpointId);
    if (status !== 'accepted') {
      this.dropped(transport.id, endpointId, inbound, status === 'held' ? 'agent held for approval' : 'agent rejected', false);
      return;
    }
    if (kind === 'disconnect') {
      const reason = `DisconnectRecord ${record.disconnect?.reason_code ?? 0}: ${record.disconnect?.reason ?? ''}`;
      if (inbound.replyTo) {
        this.registry.addressClosed(endpointId, inbound.replyTo, reason, at);
        const closed = inbound.replyTo;
        this.failPendingOn((a) => sameAddress(a, closed), `agent sent ${reason}`);
      }
      return;
    }
    if (!this.contacted.has(endpointId) || kind.endsWith('_connect')) this.firstContact(endpointId);
    if (msg) this.dispatch(transport, inbound, endpointId, msg);
  }

  /** The address to reach the agent: a Connect Record names its topic/destination, else the way the Record came. */
  private addressFrom(transport: Transport, record: usp_record.Record, inbound: InboundRecord): MtpAddress | null {
    const topic = record.mqtt_connect?.subscribed_topic || record.stomp_connect?.subscribed_destination;
    if (topic && (transport.kind === 'mqtt' || transport.kind === 'stomp')) return transport.addressFor(topic);
    return inbound.replyTo;
  }

  private dispatch(transport: Transport, inbound: InboundRecord, endpointId: string, msg: usp.Msg): void {
    const kind = m.messageKind(msg);
    const msgId = msg.header?.msg_id ?? '';
    if (kind === 'notify') {
      const outcome = this.notifications.accept(endpointId, msg, transport.id, inbound.receivedAt);
      if (outcome.respond) void this.reply(endpointId, inbound.replyTo, m.buildNotifyResp(outcome.respond.msgId, outcome.respond.subscriptionId));
      if (!outcome.event) return;
      const n = outcome.event.notification;
      if (n.kind === 'on_board_req') this.registry.setProtocolVersions(endpointId, m.splitVersions(n.agentSupportedProtocolVersions));
      this.operations.onNotification(outcome.event);
      this.emit('notification', outcome.event);
      return;
    }
    if (kind === 'error' || (kind !== undefined && kind.endsWith('_resp'))) {
      // R-MSG.9: a response matching no outstanding request of that agent is ignored.
      if (!this.pending.resolve(endpointId, msgId, msg)) this.dropped(transport.id, endpointId, inbound, `no request ${msgId} pending for this agent`, false);
      return;
    }
    // Agents have no business sending Get/Set/... to a controller; Register needs a Broker (messages.md §9).
    void this.reply(endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode: 7001, errMsg: `${kind} is not supported by this controller` }));
    this.dropped(transport.id, endpointId, inbound, `unsupported message ${kind}`, true);
  }

  private firstContact(endpointId: string): void {
    this.contacted.add(endpointId);
    if (this.queryProtocolOnContact) this.probe(endpointId);
  }

  private dropped(transportId: string, endpointId: string | null, inbound: InboundRecord, reason: string, answered: boolean): void {
    this.emit('recordDropped', { at: this.clock(), transportId, endpointId, reason, size: inbound.bytes.length, answered });
  }

  private traceIn(transportId: string, inbound: InboundRecord, endpointId: string, parsed: { record: usp_record.Record; msg: usp.Msg | null } | null, note?: { error?: string; latencyMs?: number }): void {
    if (this.listenerCount('trace') > 0) this.emit('trace', inboundTrace(transportId, inbound, endpointId, parsed, note));
  }
}
